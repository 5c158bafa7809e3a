#!/usr/bin/env python3
"""Whether starting JFR in a running JVM makes HotSpot discard its compiled code: runs JitLoad in a
child JVM, waits for it to warm up, lists its compiled methods (jcmd Compiler.codelist), starts JFR
one way, lists them again a second later, and prints how many of the compiled methods in use
before were deoptimised (made not entrant) or gone, with the loop's throughput around it.

Actions: none; attach (mapwatch attach); jfr (jcmd JFR.start); jfr-none (jcmd JFR.start with a
settings file that enables no event).

Build first: mvn -B -ntp -q -pl bench,agent -am package -DskipTests
Usage: bench/attach-deopt.py --java PATH --action attach [--warmup S] [--flags='-XX:...']
"""
import argparse
import os
import shlex
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "bench", "target", "benchmarks.jar")
AGENT = os.path.join(ROOT, "dist", "target", "mapwatch-agent.jar")
NO_EVENTS = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<configuration version="2.0" label="none" description="no events" provider="mapwatch"></configuration>\n')


def codelist(jcmd, pid):
    """compile id -> state (0 in use, 1 not used, 2 not entrant, ...), from jcmd Compiler.codelist."""
    out = subprocess.run([jcmd, str(pid), "Compiler.codelist"], capture_output=True, text=True, check=True).stdout
    methods = {}
    for line in out.splitlines():
        fields = line.split()
        if len(fields) > 3 and fields[0].isdigit():
            methods[fields[0]] = fields[2]
    return methods


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--java", default="java")
    parser.add_argument("--action", choices=["none", "attach", "jfr", "jfr-none"], default="attach")
    parser.add_argument("--warmup", type=float, default=12)
    parser.add_argument("--after", type=float, default=10)
    parser.add_argument("--flags", default="")
    args = parser.parse_args()
    jcmd = os.path.join(os.path.dirname(args.java), "jcmd") if os.sep in args.java else "jcmd"
    work = tempfile.mkdtemp(prefix="mapwatch-deopt-")
    child = subprocess.Popen([args.java] + shlex.split(args.flags) + ["-Xmx256m", "-cp", JAR,
                             "dev.mapwatch.bench.startup.JitLoad"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    units = []
    reader = threading.Thread(target=lambda: [units.append((time.monotonic(), int(l.split()[1])))
                                              for l in child.stdout if l.startswith("units ")], daemon=True)
    reader.start()
    try:
        time.sleep(args.warmup)
        before = codelist(jcmd, child.pid)
        started = time.monotonic()
        if args.action == "attach":
            subprocess.run([args.java, "-jar", AGENT, "attach", str(child.pid), "port=0"], check=True,
                           capture_output=True)
        elif args.action in ("jfr", "jfr-none"):
            settings = []
            if args.action == "jfr-none":
                path = os.path.join(work, "none.jfc")
                with open(path, "w") as f:
                    f.write(NO_EVENTS)
                settings = ["settings=" + path]
            subprocess.run([jcmd, str(child.pid), "JFR.start", "name=deopt",
                            "filename=" + os.path.join(work, "deopt.jfr")] + settings, check=True, capture_output=True)
        time.sleep(1)
        after = codelist(jcmd, child.pid)
        time.sleep(args.after)
    finally:
        child.kill()
    in_use = [cid for cid, state in before.items() if state == "0"]
    lost = [cid for cid in in_use if after.get(cid, "gone") != "0"]
    base = [n for t, n in units if t < started][-3:]
    following = [n for t, n in units if t >= started]
    print(f"action={args.action} flags=[{args.flags}] java={args.java}: compiled methods in use before {len(in_use)},"
          f" deoptimised or gone 1 s after {len(lost)} ({100 * len(lost) / max(1, len(in_use)):.0f} %);"
          f" units/s before {sum(base) // max(1, len(base))}, then {' '.join(map(str, following))};"
          f" load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
