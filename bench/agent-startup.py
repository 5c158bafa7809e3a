#!/usr/bin/env python3
"""What the agent costs an application's start-up: launches FirstLine (prints one line) in child
JVMs, alternating the variants every round, and prints per variant the median time from launching
`java` to that first line of `main`, and the process's CPU time from launch to exit.

Variants: none; agent (the default, jfrStart=before-main); background (jfrStart=background);
jfr-only (no agent, -XX:StartFlightRecording: what JFR alone costs).

Build first: mvn -B -ntp -q -pl bench,agent -am package -DskipTests
Usage: bench/agent-startup.py [--rounds N] [--java PATH] [--extra 'name=JVM flags' ...]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "bench", "target", "benchmarks.jar")
AGENT = os.path.join(ROOT, "dist", "target", "mapwatch-agent.jar")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--java", default="java")
    parser.add_argument("--extra", action="append", default=[], help="another variant, name=JVM flags")
    args = parser.parse_args()
    recording = os.path.join(tempfile.mkdtemp(prefix="mapwatch-startup-"), "startup.jfr")
    variants = {
        "none": [],
        "agent": ["-javaagent:" + AGENT + "=port=0"],
        "background": ["-javaagent:" + AGENT + "=port=0,jfrStart=background"],
        "jfr-only": ["-XX:StartFlightRecording=filename=" + recording],
    }
    for extra in args.extra:
        name, _, flags = extra.partition("=")
        variants[name] = flags.split()
    to_main = {name: [] for name in variants}
    cpu = {name: [] for name in variants}
    for round_ in range(args.rounds):
        names = list(variants)
        names = names[round_ % len(names):] + names[:round_ % len(names)]
        for name in names:
            started = time.monotonic()
            child = subprocess.Popen([args.java] + variants[name] + ["-cp", JAR, "dev.mapwatch.bench.startup.FirstLine"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            line = child.stdout.readline()
            while line.startswith("[") and "jfr" in line:  # -XX:StartFlightRecording logs its start first
                line = child.stdout.readline()
            first_line = time.monotonic()
            _, _, usage = os.wait4(child.pid, 0)
            if line.strip() != "main":
                raise SystemExit(f"{name}: unexpected first line {line!r}")
            to_main[name].append((first_line - started) * 1000)
            cpu[name].append((usage.ru_utime + usage.ru_stime) * 1000)
    print(f"load average before the last round: {os.getloadavg()[0]:.1f}")
    print("| variant | launch to first line of main, median (min, max) | process CPU to exit, median |")
    print("|---|---|---|")
    for name in variants:
        print(f"| {name} | {statistics.median(to_main[name]):.0f} ms ({min(to_main[name]):.0f}, {max(to_main[name]):.0f})"
              f" | {statistics.median(cpu[name]):.0f} ms |")


if __name__ == "__main__":
    main()
