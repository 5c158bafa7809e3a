#!/usr/bin/env bash
# Runs the agent-overhead driver: OverheadWorkload alternately without and with the agent.
# Build first: mvn -B -ntp -q -pl bench,agent -am package -DskipTests
# Usage: bench/agent-overhead.sh [--rounds N] [--seconds S] [--warmup S] [--workers N] [--java PATH]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
agent="$root/dist/target/mapwatch-agent.jar"
for f in "$jar" "$agent"; do
  if [[ ! -f "$f" ]]; then
    echo "agent-overhead: $f not found; build with: mvn -B -ntp -q -pl bench,agent -am package -DskipTests" >&2
    exit 2
  fi
done
exec java -cp "$jar" dev.mapwatch.bench.overhead.AgentOverhead --agent "$agent" "$@"
