#!/usr/bin/env python3
"""Turns JMH JSON results (-rf json) of the mapwatch benchmarks into the Markdown tables of
bench/RESULTS.md.  Usage: bench/jmh-tables.py strategies|counting FILE.json [FILE.json ...]

Ratios are against RAW_CHM in the same file (same JMH run), which is the figure that counts on a
noisy machine; the +- after a ratio combines both scores' 99.9% confidence half-widths (JMH's
scoreError) relatively, so it is wide where the machine was noisy."""
import json
import sys
from collections import defaultdict


def load(paths):
    results = []
    for path in paths:
        with open(path) as f:
            results.extend(json.load(f))
    return results


def ratio(a, a_err, b, b_err):
    r = a / b
    rel = (a_err / a if a else 0) + (b_err / b if b else 0)
    return r, r * rel


def strategies(results):
    maps = ["RAW_CHM", "CONCURRENT", "SYNC_MAP", "LOCKED", "STRIPED", "SNAPSHOT"]
    by = defaultdict(dict)
    for r in results:
        p = r["params"]
        by[(r["threads"], int(p["missPercent"]), int(p["readPercent"]))][p["map"]] = r
    for threads in sorted({k[0] for k in by}):
        print(f"\n#### {threads} thread{'s' if threads > 1 else ''}: throughput, ops/µs (ratio to RAW_CHM)\n")
        print("| miss % | read % | " + " | ".join(maps) + " |")
        print("|---|---|" + "---|" * len(maps))
        for key in sorted((k for k in by if k[0] == threads), key=lambda k: (k[1], -k[2])):
            row = by[key]
            base = row.get("RAW_CHM")
            cells = []
            for m in maps:
                if m not in row:
                    cells.append("")
                    continue
                s = row[m]["primaryMetric"]["score"]
                if base:
                    cells.append(f"{s:.1f} ({s / base['primaryMetric']['score']:.2f})")
                else:
                    cells.append(f"{s:.1f}")
            print(f"| {key[1]} | {key[2]} | " + " | ".join(cells) + " |")
        print(f"\n#### {threads} thread{'s' if threads > 1 else ''}: bytes allocated per operation (gc.alloc.rate.norm)\n")
        print("| miss % | read % | " + " | ".join(maps) + " |")
        print("|---|---|" + "---|" * len(maps))
        for key in sorted((k for k in by if k[0] == threads), key=lambda k: (k[1], -k[2])):
            row = by[key]
            cells = []
            for m in maps:
                gc = row.get(m, {}).get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                cells.append(f"{gc['score']:.1f}" if gc else "")
            print(f"| {key[1]} | {key[2]} | " + " | ".join(cells) + " |")


def counting(results):
    by = defaultdict(dict)
    order = []
    for r in results:
        p = r["params"]
        kind = p.get("lookup") or (p["map"] + ("" if p.get("recordStats", "true") == "true" else " (recordStats false)"))
        if kind not in order:
            order.append(kind)
        by[int(p["missPercent"])][kind] = r
    misses = sorted(by)
    print("| lookup | " + " | ".join(f"{m}% misses: ops/µs | ratio to raw" for m in misses) + " |")
    print("|---|" + "---|---|" * len(misses))
    for kind in order:
        cells = []
        for m in misses:
            r = by[m].get(kind)
            base = by[m].get("RAW_CHM")
            if not r:
                cells += ["", ""]
                continue
            s, e = r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"]
            cells.append(f"{s:.1f} ± {e:.1f}")
            if base:
                q, qe = ratio(s, e, base["primaryMetric"]["score"], base["primaryMetric"]["scoreError"])
                cells.append(f"{q:.2f} ± {qe:.2f}")
            else:
                cells.append("")
        print(f"| {kind} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("strategies", "counting"):
        sys.exit(__doc__)
    {"strategies": strategies, "counting": counting}[sys.argv[1]](load(sys.argv[2:]))
