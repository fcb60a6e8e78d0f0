#!/usr/bin/env python3
"""Measures REST search latency against a running Moisson: a fixed, seeded mix of queries
(full text, bbox, keyword, type, facets, paging), sent one at a time; prints p50/p90/p99.

  search.py --base http://127.0.0.1:8080 --count 1000
"""
import argparse, json, random, statistics, time, urllib.parse, urllib.request

WORDS = ["urbanisme", "cadastre", "eau", "bruit", "echelle", "reseau", "métropole", "Lille",
         "qualité de l'air", "arrets", "velo", "inondables", "orthophotographie"]
KEYWORDS = ["eau", "urbanisme", "transport", "environnement", "mobilité", "énergie"]


def queries(rng):
    while True:
        kind = rng.randrange(5)
        w = rng.uniform(-4.5, 6.0); s = rng.uniform(42.5, 50.0)
        bbox = f"{w:.3f},{s:.3f},{w + rng.uniform(0.1, 2):.3f},{s + rng.uniform(0.1, 1):.3f}"
        if kind == 0:
            yield {"q": rng.choice(WORDS)}
        elif kind == 1:
            yield {"bbox": bbox, "limit": "20"}
        elif kind == 2:
            yield {"keyword": rng.choice(KEYWORDS), "sort": "-modified"}
        elif kind == 3:
            yield {"q": rng.choice(WORDS), "bbox": bbox, "type": "dataset"}
        else:
            yield {"offset": str(rng.randrange(0, 500)), "limit": "10", "sort": "title"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="http://127.0.0.1:8080")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-facets", action="store_true", help="ask for no facets (facets= )")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    gen = queries(rng)
    lat = []
    for _ in range(a.count):
        params = next(gen)
        if a.no_facets:
            params["facets"] = ""
        url = f"{a.base}/api/v1/records?{urllib.parse.urlencode(params)}"
        t0 = time.perf_counter()
        with urllib.request.urlopen(url) as r:
            body = r.read()
        lat.append((time.perf_counter() - t0) * 1000)
        json.loads(body)
    lat.sort()
    pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))]
    print(json.dumps({"requests": a.count, "p50_ms": round(pct(50), 2), "p90_ms": round(pct(90), 2),
                      "p99_ms": round(pct(99), 2), "mean_ms": round(statistics.mean(lat), 2)}))


if __name__ == "__main__":
    main()
