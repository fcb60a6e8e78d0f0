#!/usr/bin/env python3
"""Measures REST search latency against a running Moisson: a fixed, seeded mix of queries
(full text, bbox, keyword, type, facets, paging), sent one at a time; prints p50/p90/p99,
overall and per kind of search (`by_kind`), since a few kinds usually make the tail.

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
            yield "text", {"q": rng.choice(WORDS)}
        elif kind == 1:
            yield "bbox", {"bbox": bbox, "limit": "20"}
        elif kind == 2:
            yield "keyword_sorted", {"keyword": rng.choice(KEYWORDS), "sort": "-modified"}
        elif kind == 3:
            yield "text_bbox_type", {"q": rng.choice(WORDS), "bbox": bbox, "type": "dataset"}
        else:
            yield "paging_by_title", {"offset": str(rng.randrange(0, 500)), "limit": "10", "sort": "title"}


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
    by_kind = {}
    for _ in range(a.count):
        kind, params = next(gen)
        if a.no_facets:
            params["facets"] = ""
        url = f"{a.base}/api/v1/records?{urllib.parse.urlencode(params)}"
        t0 = time.perf_counter()
        with urllib.request.urlopen(url) as r:
            body = r.read()
        ms = (time.perf_counter() - t0) * 1000
        lat.append(ms)
        by_kind.setdefault(kind, []).append(ms)
        json.loads(body)

    def summary(values):
        values = sorted(values)
        pct = lambda p: values[min(len(values) - 1, int(p / 100 * len(values)))]
        return {"requests": len(values), "p50_ms": round(pct(50), 2), "p90_ms": round(pct(90), 2),
                "p99_ms": round(pct(99), 2), "mean_ms": round(statistics.mean(values), 2)}

    out = summary(lat)
    out["by_kind"] = {k: summary(v) for k, v in sorted(by_kind.items())}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
