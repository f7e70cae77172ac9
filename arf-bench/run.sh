#!/usr/bin/env bash
# Regenerates every figure in BENCHMARKS.md: builds the benchmark jar, then runs the JMH benchmarks,
# the footprint measurements and the blueprint reload driver, writing raw results to bench-results/
# and a summary to stdout. Takes about 30 minutes on 2 cores. Run it on an otherwise idle machine.
#
#   bash arf-bench/run.sh                 # every section
#   bash arf-bench/run.sh audit guardian  # only these: detection audit guardian refusal engine footprint reload nab replays scorecard
#
# The audit section also measures PostgreSQL: at ARF_BENCH_PG_URL (jdbc:postgresql://host:port/db?user=…)
# when set, else on a private server it starts from the machine's PostgreSQL binaries (pg_config
# --bindir, /usr/lib/postgresql/15/bin, or the newest /usr/lib/postgresql/<n>/bin) with initdb into a
# temporary directory (under TMPDIR) and pg_ctl on a free loopback port, fsync and synchronous_commit
# on, and stops and deletes afterwards. Without binaries that part is skipped, saying so.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
JAVA="$("$here/jdk.sh")/bin/java"
out="$here/bench-results"
mkdir -p "$out"
sections="${*:-detection audit guardian refusal engine footprint reload nab replays scorecard}"
want() { [[ " $sections " == *" $1 "* ]]; }

./build.sh -q -DskipTests -Dspotless.check.skip=true -pl arf-bench -am package
jar=arf-bench/target/arf-bench.jar

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA" -version 2>&1 | head -1), $(date -u +%F)"

# --- a private PostgreSQL for the audit figure -------------------------------------------------
pg_base=""
pg_bin=""
pg_as=()

find_pg_bin() {
  local dir
  for dir in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/15/bin \
             $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

stop_pg() {
  if [ -n "$pg_base" ]; then
    if [ -f "$pg_base/data/postmaster.pid" ]; then
      "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_base/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_base"
    pg_base=""
  fi
}
trap stop_pg EXIT

# Starts the server and sets pg_url to its JDBC URL. The durable settings are PostgreSQL's defaults,
# spelled out.
start_pg() {
  pg_bin="$(find_pg_bin)" || {
    echo "   no PostgreSQL server binaries (install postgresql-15, or run .ci/postgres-prereqs.sh)" >&2
    return 1
  }
  pg_base="$(mktemp -d "${TMPDIR:-/tmp}/arf-bench-pg.XXXXXX")"
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root.
    chown postgres "$pg_base"
    pg_as=(runuser -u postgres --)
  else
    pg_as=(env)
  fi
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_base/data" -U arf --auth=trust -E UTF8 --locale=C \
    --no-instructions >"$pg_base/initdb.log" 2>&1 || { cat "$pg_base/initdb.log" >&2; return 1; }
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    if "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_base/data" -l "$pg_base/server.log" -w -t 30 \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_base -c fsync=on -c synchronous_commit=on -c full_page_writes=on" \
         start >/dev/null 2>&1; then
      "${pg_as[@]}" "$pg_bin/createdb" -h "$pg_base" -p "$port" -U arf arf_bench || return 1
      pg_url="jdbc:postgresql://127.0.0.1:$port/arf_bench?user=arf"
      return 0
    fi
  done
  tail -20 "$pg_base/server.log" >&2
  return 1
}

if want detection; then
  echo "== detection (one core): events/s"
  "$JAVA" -jar "$jar" DetectionBenchmark -f 2 -wi 3 -i 5 -w 2s -r 4s -rf json -rff "$out/detection.json" \
    | grep -E '^(Benchmark|DetectionBenchmark)'
fi

if want audit; then
  for threads in 4 32; do
    echo "== audit appends, embedded store (default and written commits), $threads threads: durable records/s" \
      "(load average: $(cut -d' ' -f1-3 /proc/loadavg))"
    "$JAVA" -jar "$jar" AuditBenchmark -p store=embedded,embedded-written -t "$threads" -f 1 -wi 2 -i 5 -w 3s -r 5s \
      -rf json -rff "$out/audit-embedded-$threads.json" | grep -E "^(Benchmark|AuditBenchmark)"
  done

  pg_url="${ARF_BENCH_PG_URL:-}"
  if [ -z "$pg_url" ]; then
    if start_pg; then
      echo "   private PostgreSQL $("${pg_as[@]}" "$pg_bin/postgres" --version | awk '{print $3}') in $pg_base" \
        "($(df -T "$pg_base" | awk 'NR==2{print $2}')), fsync=on, synchronous_commit=on"
    else
      pg_url=""
      echo "   PostgreSQL skipped: no private server could be started (see above) and ARF_BENCH_PG_URL is not set"
    fi
  fi
  if [ -n "$pg_url" ]; then
    # Group commit batches at most as many records as there are appenders: 4 threads as above, then 32.
    for threads in 4 32; do
      echo "== audit appends, PostgreSQL, $threads threads: durable records/s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
      "$JAVA" -jar "$jar" AuditBenchmark -p store=postgres -t "$threads" -jvmArgsAppend "-Darf.bench.pg.url=$pg_url" \
        -f 1 -wi 2 -i 5 -w 3s -r 5s -rf json -rff "$out/audit-postgres-$threads.json" \
        | grep -E "^(Benchmark|AuditBenchmark)"
    done
  fi
  stop_pg
fi

if want guardian; then
  echo "== governance verdict latency (one thread)"
  "$JAVA" -jar "$jar" GuardianBenchmark -f 1 -wi 2 -i 3 -w 3s -r 5s -rf json -rff "$out/guardian.json" \
    | grep -E "^(Benchmark|GuardianBenchmark)"
fi

if want refusal; then
  echo "== a forbidden action refused end to end (engine.propose → Guardian → durable audit), embedded store"
  "$JAVA" -jar "$jar" RefusalBenchmark -f 1 -wi 2 -i 3 -w 3s -r 5s -rf json -rff "$out/refusal.json" \
    | grep -E "^(Benchmark|RefusalBenchmark)"
fi

if want engine; then
  echo "== engine end to end (2 threads, embedded store): events/s and latency percentiles"
  "$JAVA" -jar "$jar" EngineBenchmark -p store=embedded -f 1 -wi 2 -i 4 -w 5s -r 8s \
    -rf json -rff "$out/engine.json" | grep -E '^(Benchmark|EngineBenchmark)'
fi

if want footprint; then
  echo "== detector state per service"
  "$JAVA" -Xmx2g -cp "$jar" dev.arf.bench.DetectorFootprint 10000 on | tee "$out/footprint-10k-rcf.txt"
  "$JAVA" -Xmx2g -cp "$jar" dev.arf.bench.DetectorFootprint 10000 off | tee "$out/footprint-10k-no-rcf.txt"
  "$JAVA" -Xmx2g -cp "$jar" dev.arf.bench.DetectorFootprint 200 on | tee "$out/footprint-200-rcf.txt"
  "$JAVA" -Xmx2g -cp "$jar" dev.arf.bench.DetectorFootprint 2000 on 16 64 0 | tee "$out/footprint-2000-compact.txt"
fi

if want reload; then
  echo "== blueprint file change -> new catalog in force and the Guardian deciding under it (50 edits)"
  "$JAVA" -cp "$jar" dev.arf.bench.BlueprintReloadBenchmark 50 20 events 500 embedded inplace 2>/dev/null \
    | tee "$out/blueprint-reload-events.txt"
  "$JAVA" -cp "$jar" dev.arf.bench.BlueprintReloadBenchmark 50 1000 events 500 embedded inplace 2>/dev/null \
    | tee "$out/blueprint-reload-events-1000.txt"
  "$JAVA" -cp "$jar" dev.arf.bench.BlueprintReloadBenchmark 50 20 poll 500 embedded inplace 2>/dev/null \
    | tee "$out/blueprint-reload-poll.txt"
fi

if want nab; then
  nab="${ARF_NAB_DIR:-$here/../shared/nab/public}"
  if [ -d "$nab/data" ]; then
    echo "== NAB: ARF's series detector on $(basename "$(dirname "$nab")")/$(basename "$nab"), thresholds optimised, then fixed at the alarm level 0.49"
    rm -rf "$out/nab"
    ./arf nab run --data "$nab/data" --out "$out/nab" 2>/dev/null | tee "$out/nab-run.txt"
    ./arf nab score --results "$out/nab" --labels "$nab/labels/combined_windows.json" | tee "$out/nab-score.txt"
    ./arf nab score --results "$out/nab" --labels "$nab/labels/combined_windows.json" \
      --threshold standard=0.49 --threshold reward_low_FP_rate=0.49 --threshold reward_low_FN_rate=0.49 \
      | tee "$out/nab-score-fixed.txt"
  else
    echo "== NAB: no data at $nab (set ARF_NAB_DIR); skipped"
  fi
fi

if want replays; then
  echo "== post-mortem replays: the five public outages through the engine on virtual time (target < 10 s)"
  rm -rf "$out/replays"
  start=$(date +%s.%N)
  ./arf benchmark --out "$out/replays" | tee "$out/replays.txt"
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "wall time: %.1f s, JVM start included\n", e - s }'
fi

if want scorecard; then
  echo "== SRE scorecard: eight seeded chaos experiments and a 24-hour soak on the simulated fleet (seed 42)"
  rm -rf "$out/scorecard"
  ./arf scorecard --out "$out/scorecard" --seed 42 2>/dev/null | tee "$out/scorecard.txt" || true
fi
