#!/usr/bin/env python3
"""Splits the agent's overhead: runs OverheadWorkload in child JVMs, one per variant per round
(no agent; the agent as is, scraped once a second; plain JFR streams with the agent's event
settings, all or some events, no handlers), the variants' order rotating every round, and prints
a Markdown table of each variant's throughput per process CPU second (and wall clock) as a ratio
to the no-agent run of the same round.

Build first: mvn -B -ntp -q -pl bench,agent -am package -DskipTests
Usage: bench/overhead-split.py [--rounds N] [--warmup S] [--seconds S] [--java PATH] [--variants a,b,..]
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "bench", "target", "benchmarks.jar")
AGENT = os.path.join(ROOT, "dist", "target", "mapwatch-agent.jar")
ALL_BUT = "-Dmapwatch.bench.jfr=all,"

# name -> JVM options ("AGENT" is replaced by the agent option with a free port)
VARIANTS = {
    "none": [],
    "agent": ["AGENT"],
    "jfr-all": ["-Dmapwatch.bench.jfr=all"],
    "jfr-all-consumed": ["-Dmapwatch.bench.jfr=all", "-Dmapwatch.bench.jfr.consume=true"],
    "jfr-no-thread-start-end": [ALL_BUT + "-jdk.ThreadStart,-jdk.ThreadEnd"],
    "jfr-no-allocation-sample": [ALL_BUT + "-jdk.ObjectAllocationSample"],
    "jfr-no-park-monitor": [ALL_BUT + "-jdk.ThreadPark,-jdk.JavaMonitorEnter"],
    "jfr-empty": ["-Dmapwatch.bench.jfr=none"],
    "jfr-all-late": ["-Dmapwatch.bench.jfr=all", "-Dmapwatch.bench.jfr.late=true"],
    "jfr-no-thread-start-end-late": [ALL_BUT + "-jdk.ThreadStart,-jdk.ThreadEnd", "-Dmapwatch.bench.jfr.late=true"],
    "jfr-no-allocation-sample-late": [ALL_BUT + "-jdk.ObjectAllocationSample", "-Dmapwatch.bench.jfr.late=true"],
    "jfr-empty-late": ["-Dmapwatch.bench.jfr=none", "-Dmapwatch.bench.jfr.late=true"],
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scrape(port, stop):
    url = f"http://127.0.0.1:{port}/metrics"
    while not stop.wait(1.0):
        try:
            urllib.request.urlopen(url, timeout=2).read()
        except OSError:
            pass  # not up yet


def run(java, variant, warmup, seconds, workers):
    opts, port = [], None
    for o in VARIANTS[variant]:
        if o == "AGENT":
            port = free_port()
            opts.append(f"-javaagent:{AGENT}=port={port}")
        else:
            opts.append(o)
    cmd = [java, "-Xms256m", "-Xmx256m", *opts, "-cp", JAR, "dev.mapwatch.bench.overhead.OverheadWorkload",
           str(workers), str(warmup), str(seconds)]
    stop = threading.Event()
    scraper = None
    if port is not None:
        scraper = threading.Thread(target=scrape, args=(port, stop), daemon=True)
        scraper.start()
    out = subprocess.run(cmd, capture_output=True, text=True)
    stop.set()
    line = next((l for l in out.stdout.splitlines() if l.startswith("RESULT ")), None)
    if out.returncode != 0 or line is None:
        sys.exit(f"overhead-split: {variant} failed ({out.returncode}): {out.stderr.strip()[-500:]}")
    return {k: float(v) for k, v in re.findall(r"(\w+)=([-0-9.]+)", line)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=8)
    p.add_argument("--warmup", type=float, default=6)
    p.add_argument("--seconds", type=float, default=6)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--java", default="java")
    p.add_argument("--variants", default=",".join(VARIANTS))
    a = p.parse_args()
    variants = a.variants.split(",")
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown or "none" not in variants:
        sys.exit(f"overhead-split: unknown variants {unknown} or 'none' missing; known: {', '.join(VARIANTS)}")
    for f in (JAR, AGENT):
        if not os.path.isfile(f):
            sys.exit(f"overhead-split: {f} not found; build with: mvn -B -ntp -q -pl bench,agent -am package -DskipTests")
    results = {v: [] for v in variants}
    for r in range(a.rounds):
        k = r % len(variants)
        order = variants[k:] + variants[:k]
        for v in order:
            x = run(a.java, v, a.warmup, a.seconds, a.workers)
            results[v].append(x)
            print(f"overhead-split: round {r + 1} {v}: {x['unitsPerCpuSecond']:.0f} units/CPU s,"
                  f" {x['unitsPerSecond']:.0f} units/s", file=sys.stderr)
        print(f"overhead-split: round {r + 1}/{a.rounds} done ({time.strftime('%H:%M:%S', time.gmtime())} UTC)",
              file=sys.stderr)
    print(f"{a.rounds} rounds, {a.workers} workers, {a.warmup} s warm-up + {a.seconds} s measured, java {a.java},"
          f" order rotating; ratios to 'none' of the same round\n")
    print("| variant | units/CPU s (mean) | ratio per CPU s | stdev | std. error | overhead per CPU s"
          " | ratio wall clock | CPU s per wall s |")
    print("|---|---|---|---|---|---|---|---|")
    base = results["none"]
    for v in variants:
        cpu = [x["unitsPerCpuSecond"] / b["unitsPerCpuSecond"] for x, b in zip(results[v], base)]
        wall = [x["unitsPerSecond"] / b["unitsPerSecond"] for x, b in zip(results[v], base)]
        load = [x["cpuSeconds"] / x["wallSeconds"] for x in results[v]]
        sd = statistics.stdev(cpu) if len(cpu) > 1 else 0.0
        print(f"| {v} | {statistics.mean(x['unitsPerCpuSecond'] for x in results[v]):.0f} | {statistics.mean(cpu):.4f}"
              f" | {sd:.4f} | {sd / len(cpu) ** 0.5:.4f} | {100 * (1 - statistics.mean(cpu)):.1f} %"
              f" | {statistics.mean(wall):.4f} | {statistics.mean(load):.2f} |")


if __name__ == "__main__":
    main()
