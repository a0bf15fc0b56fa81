#!/usr/bin/env bash
# Monitoring benchmarks (issue 12, performance). Run by hand, never as a test; results go to docs/performance.md.
#  - ingest: 1,000 instances x 10 series every 15 s using < 20 % of the 2 cores for collection and storage (CPU time,
#    libvirt's test hypervisor as the source);
#  - graph read: a 30-day graph of one instance with 13 months of data for 1,000 instances, p95 <= 50 ms.
#
#   bench/monitoring.sh                                  # 1,000 instances on 10 nodes, 240 rounds, 300 reads per graph
#   INSTANCES=200 ROUNDS=40 READS=100 bench/monitoring.sh  # smaller
#   PARTS=ingest bench/monitoring.sh                     # only the ingest part
#   PARTS=read bench/monitoring.sh                       # only the reads (nothing provisioned: the series of 1,000 IDs)
#
# What it does:
#  1. compiles the main and test classes (./mvnw test-compile) and resolves the test class path;
#  2. runs io.skyport.monitoring.MonitoringBenchmark (src/test/java): Skyport on a fresh embedded PostgreSQL in a
#     temporary directory with skyport.monitoring.enabled=false (no scheduled rounds); creates NODES test-hypervisor
#     nodes (test:///default) and provisions INSTANCES running instances through compute's API (create + the saga's
#     compute steps, 4 threads);
#  3. ingest: 8 warm-up rounds, 15 s of idle (the reference: what the JVM and PostgreSQL use doing nothing), then
#     ROUNDS collection rounds (Collector#round) 15 s apart in sample time, back to back, each followed by
#     Rollups#run; CPU time = this JVM's process CPU time (libvirt's test driver runs in it) + utime/stime of the
#     PostgreSQL server's processes (postmaster, its children, and its ended children) from /proc;
#  4. read: truncates the samples and loads 395 days of hourly rows, a day of minutes and a day of raw samples for
#     the same instances (SQL generate_series, time-major), sets the rollup watermarks, analyzes; then per graph
#     (30 d all metrics, 30 d cpu, 24 h, 1 h) 50 warm-up + READS reads of random instances through SeriesQuery#read,
#     each followed by the reference: the bare index range scans of the same rows, without aggregation;
#  5. prints the BENCH lines and the load average before and after; deletes the temporary directory (KEEP=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."
INSTANCES=${INSTANCES:-1000}
NODES=${NODES:-10}
ROUNDS=${ROUNDS:-240}
READS=${READS:-300}
PARTS=${PARTS:-ingest,read}
HEAP=${HEAP:-2g}

source bin/setup run
export JAVA_HOME
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -B -q -DskipTests test-compile   # SKIP_BUILD=1: classes compiled already
cp_file=target/bench-classpath.txt
if [ ! -s "$cp_file" ] || [ pom.xml -nt "$cp_file" ]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
fi

tmp=$(mktemp -d /tmp/skyport-monitoring-bench.XXXXXX)
cleanup() {
  [ "${KEEP:-0}" = 1 ] && echo "Kept $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT

echo "== load before: $(cat /proc/loadavg)  cores: $(nproc)" >&2
"$JAVA_HOME/bin/java" -Xmx"$HEAP" ${JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  io.skyport.monitoring.MonitoringBenchmark "$tmp/work" "$INSTANCES" "$NODES" "$ROUNDS" "$READS" "$PARTS" \
  > "$tmp/bench.log" 2>&1 || { tail -n 60 "$tmp/bench.log" >&2; exit 1; }
grep '^BENCH' "$tmp/bench.log"
echo "== load after: $(cat /proc/loadavg)" >&2
