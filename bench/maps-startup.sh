#!/usr/bin/env bash
# Start-up delay and attach cost of maps= on an application that loads thousands of classes
# (bench/RESULTS.md, section "Counting the application's own maps").
#
#   bench/maps-startup.sh [runs]        # default 5 runs per configuration, interleaved
#
# Needs: mvn -pl bench,agent -am package -DskipTests (benchmarks.jar, mapwatch-agent.jar) and the
# jars below in ~/.m2 (the build downloads them: guava-testlib is an agent test dependency).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
JAVA=${JAVA:-java}
M2=${M2:-$HOME/.m2/repository}
AGENT=dist/target/mapwatch-agent.jar
BENCH=bench/target/benchmarks.jar
JARS=(
  "$M2/com/google/guava/guava/33.4.8-jre/guava-33.4.8-jre.jar"
  "$M2/com/google/guava/guava-testlib/33.4.8-jre/guava-testlib-33.4.8-jre.jar"
  "$M2/com/google/guava/failureaccess/1.0.3/failureaccess-1.0.3.jar"
  "$M2/junit/junit/4.13.2/junit-4.13.2.jar"
  "$M2/org/hamcrest/hamcrest-core/1.3/hamcrest-core-1.3.jar"
  "$M2/com/fasterxml/jackson/core/jackson-databind/2.17.2/jackson-databind-2.17.2.jar"
  "$M2/com/fasterxml/jackson/core/jackson-core/2.17.2/jackson-core-2.17.2.jar"
  "$M2/com/fasterxml/jackson/core/jackson-annotations/2.17.2/jackson-annotations-2.17.2.jar"
)
for f in "$AGENT" "$BENCH" "${JARS[@]}"; do
  [[ -f $f ]] || { echo "missing $f (see the header of $0)" >&2; exit 2; }
done
CP="$BENCH:$(IFS=:; echo "${JARS[*]}")"
MAPS=com.google.common:com.fasterxml.jackson:junit:org.junit:org.hamcrest
MAIN=dev.mapwatch.bench.instrument.LoadClasses
FLAGS=(-XX:+UseSerialGC -Xmx512m)

declare -A CONFIG=(
  [none]=""
  [agent]="-javaagent:$AGENT=port=0"
  [agent+maps]="-javaagent:$AGENT=port=0,maps=$MAPS"
)
ORDER=(none agent agent+maps)
declare -A TIMES
declare -A CPUS

ms() { echo $(( $(date +%s%N) / 1000000 )); }

echo "# start-up: $RUNS runs per configuration, interleaved; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= RUNS; i++)); do
  for name in "${ORDER[@]}"; do
    start=$(ms)
    # shellcheck disable=SC2086
    out=$( { TIMEFORMAT='%U %S'; time "$JAVA" "${FLAGS[@]}" ${CONFIG[$name]} -cp "$CP" "$MAIN" "${JARS[@]}" 2>&1 | grep '^loaded' ; } 2>&1 || true)
    took=$(( $(ms) - start ))
    cpu=$(echo "$out" | tail -1 | awk '{printf "%d", ($1 + $2) * 1000}')
    TIMES[$name]+="$took "
    CPUS[$name]+="$cpu "
    echo "run $i $name: JVM ${took} ms wall, ${cpu} ms CPU; $(echo "$out" | head -1)"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for name in "${ORDER[@]}"; do
  echo "median $name: $(echo "${TIMES[$name]}" | median) ms wall, $(echo "${CPUS[$name]}" | median) ms CPU (user + sys)"
done

echo "# attach with maps=$MAPS after the classes are loaded; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= 3; i++)); do
  err=$(mktemp); fifo=$(mktemp -u); mkfifo "$fifo"
  "$JAVA" "${FLAGS[@]}" -cp "$CP" "$MAIN" "${JARS[@]}" --wait < "$fifo" > "$err.out" 2> "$err" &
  pid=$!
  exec 3> "$fifo"
  until grep -q '^ready' "$err.out" 2>/dev/null; do sleep 0.2; done
  start=$(ms)
  "$JAVA" -jar "$AGENT" attach "$pid" port=0 "maps=$MAPS" > /dev/null
  took=$(( $(ms) - start ))
  until grep -q 'retransformed in' "$err"; do sleep 0.2; done
  echo "attach $i: mapwatch attach returned after ${took} ms; $(grep -o 'counting maps.*' "$err"); $(grep '^loaded' "$err.out")"
  echo >&3; exec 3>&-
  wait "$pid" || true
  rm -f "$err" "$err.out" "$fifo"
done
