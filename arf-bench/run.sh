#!/usr/bin/env bash
# Regenerates every figure in BENCHMARKS.md: builds the benchmark jar, then runs the JMH benchmarks,
# the footprint measurements and the blueprint reload driver, writing raw results to bench-results/
# and a summary to stdout.
# Takes about 15 minutes on 2 cores. Run it on an otherwise idle machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
JAVA="$("$here/jdk.sh")/bin/java"
out="$here/bench-results"
mkdir -p "$out"
./build.sh -q -DskipTests -Dspotless.check.skip=true -pl arf-bench -am package
jar=arf-bench/target/arf-bench.jar

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA" -version 2>&1 | head -1), $(date -u +%F)"

echo "== detection (one core): events/s"
"$JAVA" -jar "$jar" DetectionBenchmark -f 2 -wi 3 -i 5 -w 2s -r 4s -rf json -rff "$out/detection.json" \
  | grep -E '^(Benchmark|DetectionBenchmark)'

echo "== audit appends, embedded store, 4 threads: durable records/s"
"$JAVA" -jar "$jar" AuditBenchmark -f 1 -wi 2 -i 5 -w 3s -r 5s -rf json -rff "$out/audit.json" \
  | grep -E "^(Benchmark|AuditBenchmark)"

echo "== governance verdict latency (one thread)"
"$JAVA" -jar "$jar" GuardianBenchmark -f 1 -wi 2 -i 3 -w 3s -r 5s -rf json -rff "$out/guardian.json" \
  | grep -E "^(Benchmark|GuardianBenchmark)"

echo "== a forbidden action refused end to end (engine.propose → Guardian → durable audit), embedded store"
"$JAVA" -jar "$jar" RefusalBenchmark -f 1 -wi 2 -i 3 -w 3s -r 5s -rf json -rff "$out/refusal.json" \
  | grep -E "^(Benchmark|RefusalBenchmark)"

echo "== engine end to end (2 threads, embedded store): events/s and latency percentiles"
"$JAVA" -jar "$jar" EngineBenchmark -p store=embedded -f 1 -wi 2 -i 4 -w 5s -r 8s \
  -rf json -rff "$out/engine.json" | grep -E '^(Benchmark|EngineBenchmark)'

echo "== detector state per service"
"$JAVA" -Xmx2g -cp "$jar" dev.arf.bench.DetectorFootprint 10000 on | tee "$out/footprint-10k-rcf.txt"
"$JAVA" -Xmx2g -cp "$jar" dev.arf.bench.DetectorFootprint 10000 off | tee "$out/footprint-10k-no-rcf.txt"
"$JAVA" -Xmx2g -cp "$jar" dev.arf.bench.DetectorFootprint 200 on | tee "$out/footprint-200-rcf.txt"
"$JAVA" -Xmx2g -cp "$jar" dev.arf.bench.DetectorFootprint 2000 on 16 64 0 | tee "$out/footprint-2000-compact.txt"

echo "== blueprint file change -> new catalog in force and the Guardian deciding under it (50 edits)"
"$JAVA" -cp "$jar" dev.arf.bench.BlueprintReloadBenchmark 50 20 events 500 embedded inplace 2>/dev/null \
  | tee "$out/blueprint-reload-events.txt"
"$JAVA" -cp "$jar" dev.arf.bench.BlueprintReloadBenchmark 50 1000 events 500 embedded inplace 2>/dev/null \
  | tee "$out/blueprint-reload-events-1000.txt"
"$JAVA" -cp "$jar" dev.arf.bench.BlueprintReloadBenchmark 50 20 poll 500 embedded inplace 2>/dev/null \
  | tee "$out/blueprint-reload-poll.txt"
