#!/usr/bin/env python3
"""Writes OGC API Records item requests for bench/ogcapi/replay.lua, one path per line.

  urls.py --kind search --out FILE       q + bbox + CQL2-text filter, over the vocabulary of
                                         bench/gen_records.py (so most requests match records)
  urls.py --kind deep --offset N --out FILE   one deep page: offset=N, limit=10

Deterministic for a given --seed. Standard library only.
"""
import argparse
import random
from urllib.parse import quote, urlencode

ITEMS = "/ogcapi/collections/main/items"
# Words of bench/gen_records.py's titles, abstracts and keywords.
TERMS = ["cadastre", "urbanisme", "eau potable", "bruit", "voirie", "bâtiments", "stationnement",
         "Lyon", "Lille", "Marseille", "Grenoble", "territoire", "référentiel"]
KEYWORDS = ["eau", "urbanisme", "transport", "environnement", "mobilité", "risques", "habitat"]
FILTERS = ["type = 'dataset'", "keywords = '{kw}'", "updated > '2000-01-01T00:00:00Z'",
           "type = 'dataset' AND keywords = '{kw}'",
           "CASEI(title) LIKE CASEI('%{term}%')"]


def search_paths(rng: random.Random, count: int):
    for _ in range(count):
        # A box of 1 to 6 degrees somewhere in metropolitan France.
        w, h = rng.uniform(1, 6), rng.uniform(1, 4)
        x, y = rng.uniform(-4.5, 8.0 - w), rng.uniform(42.5, 51.0 - h)
        term, kw = rng.choice(TERMS), rng.choice(KEYWORDS)
        params = {
            "q": term,
            "bbox": f"{x:.3f},{y:.3f},{x + w:.3f},{y + h:.3f}",
            "filter": rng.choice(FILTERS).format(kw=kw, term=term.split()[0]),
            "filter-lang": "cql2-text",
            "limit": "10",
        }
        yield f"{ITEMS}?{urlencode(params, quote_via=quote)}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", choices=["search", "deep"], required=True)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--offset", type=int, default=90000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if args.kind == "search":
        paths = list(search_paths(random.Random(args.seed), args.count))
    else:
        paths = [f"{ITEMS}?{urlencode({'offset': args.offset, 'limit': 10})}"]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(paths) + "\n")


if __name__ == "__main__":
    main()
