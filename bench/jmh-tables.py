#!/usr/bin/env python3
"""Turns JMH JSON results (-rf json) of the mapwatch benchmarks into the Markdown tables of
bench/RESULTS.md.  Usage: bench/jmh-tables.py strategies|counting FILE.json [FILE.json ...]

Two throughputs: 'cpu' is operations per CPU-microsecond of the benchmark JVM (secondary result
cpu.throughput of -prof dev.mapwatch.bench.CpuTimeProfiler), robust when other processes compete
for the cores; 'wall' is JMH's ordinary ops/us.  Ratios are against RAW_CHM in the same file (same
JMH run); the +- after a ratio adds both scores' relative 99.9% confidence half-widths (JMH's
scoreError), so it is wide where the machine was noisy."""
import json
import sys
from collections import defaultdict

MAPS = ["RAW_CHM", "CONCURRENT", "SYNC_MAP", "LOCKED", "STRIPED", "SNAPSHOT"]


def load(paths):
    results = []
    for path in paths:
        with open(path) as f:
            results.extend(json.load(f))
    return results


def metric(result, name):
    """(score, error) of the primary result ('wall') or a secondary one, or None."""
    m = result["primaryMetric"] if name == "wall" else result.get("secondaryMetrics", {}).get(name)
    if not m:
        return None
    err = m.get("scoreError")
    return m["score"], (err if isinstance(err, (int, float)) and err == err else 0.0)


def ratio(a, b):
    (sa, ea), (sb, eb) = a, b
    r = sa / sb
    return r, r * ((ea / sa if sa else 0) + (eb / sb if sb else 0))


def plural(threads):
    return f"{threads} thread{'s' if threads > 1 else ''}"


def strategies(results):
    by = defaultdict(dict)
    for r in results:
        p = r["params"]
        by[(r["threads"], int(p["missPercent"]), int(p["readPercent"]))][p["map"]] = r
    for threads in sorted({k[0] for k in by}):
        keys = sorted((k for k in by if k[0] == threads), key=lambda k: (k[1], -k[2]))
        for name, title in (("cpu.throughput", "ops per CPU-µs (ratio to RAW_CHM)"),
                            ("wall", "wall-clock ops/µs (ratio to RAW_CHM)")):
            print(f"\n#### {plural(threads)}: {title}\n")
            print("| miss % | read % | " + " | ".join(MAPS) + " |")
            print("|---|---|" + "---|" * len(MAPS))
            for key in keys:
                row = by[key]
                base = metric(row["RAW_CHM"], name) if "RAW_CHM" in row else None
                cells = []
                for m in MAPS:
                    v = metric(row[m], name) if m in row else None
                    if not v:
                        cells.append("")
                    elif base:
                        cells.append(f"{v[0]:.1f} ({v[0] / base[0]:.2f})")
                    else:
                        cells.append(f"{v[0]:.1f}")
                print(f"| {key[1]} | {key[2]} | " + " | ".join(cells) + " |")
        print(f"\n#### {plural(threads)}: bytes allocated per operation (gc.alloc.rate.norm)\n")
        print("| miss % | read % | " + " | ".join(MAPS) + " |")
        print("|---|---|" + "---|" * len(MAPS))
        for key in keys:
            cells = []
            for m in MAPS:
                v = metric(by[key][m], "gc.alloc.rate.norm") if m in by[key] else None
                cells.append(f"{v[0]:.1f}" if v else "")
            print(f"| {key[1]} | {key[2]} | " + " | ".join(cells) + " |")


def counting(results):
    by = defaultdict(dict)
    order = []
    for r in results:
        p = r["params"]
        kind = p.get("lookup") or (p["map"] + ("" if p.get("recordStats", "true") == "true" else ", recordStats(false)"))
        if kind not in order:
            order.append(kind)
        by[int(p["missPercent"])][kind] = r
    misses = sorted(by)
    print("| lookup | miss % | ops/CPU-µs | ratio to raw (CPU) | wall ops/µs | ratio to raw (wall) | B/op |")
    print("|---|---|---|---|---|---|---|")
    for kind in order:
        for m in misses:
            r = by[m].get(kind)
            if not r:
                continue
            base = by[m].get("RAW_CHM")
            cells = [kind, str(m)]
            for name in ("cpu.throughput", "wall"):
                v = metric(r, name)
                b = metric(base, name) if base else None
                cells.append(f"{v[0]:.1f} ± {v[1]:.1f}" if v else "")
                if v and b:
                    q, qe = ratio(v, b)
                    cells.append(f"{q:.2f} ± {qe:.2f}")
                else:
                    cells.append("")
            gc = metric(r, "gc.alloc.rate.norm")
            cells.append(f"{gc[0]:.2f}" if gc else "")
            print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("strategies", "counting"):
        sys.exit(__doc__)
    {"strategies": strategies, "counting": counting}[sys.argv[1]](load(sys.argv[2:]))
