#!/usr/bin/env bash
# Invoice-run benchmark (issue 5: 10,000 subscriptions -> 10,000 invoices, PDFs and e-mails to a real SMTP server on
# 127.0.0.1 within 60 s on 2 cores). Run by hand, never as a test; results go to docs/performance.md.
#
#   bench/invoice-run.sh                       # 10,000 subscriptions, warm-up run of 300 first
#   COUNT=2000 bench/invoice-run.sh            # smaller
#   DOCUMENTS=false bench/invoice-run.sh       # only issue (no PDFs and e-mails awaited)
#
# What it does:
#  1. compiles the main and test classes (./mvnw test-compile) and resolves the test class path;
#  2. starts bench/smtp-sink.py, a real SMTP server on 127.0.0.1 that accepts and counts every message;
#  3. runs io.skyport.billing.invoicing.InvoiceRunBenchmark (src/test/java): Skyport on a fresh embedded PostgreSQL in
#     a temporary directory, SMTP pointed at the sink; inserts COUNT customers with billing details and one active
#     subscription each (SQL), runs a warm-up invoice run of WARMUP other subscriptions, then one timed run of all
#     COUNT: issue, then wait until every invoice has its PDF stored and its e-mail accepted by the sink;
#  4. renders PDFS_ALONE invoice PDFs on their own (the PDF time alone, 1 and 2 threads);
#  5. prints the BENCH lines, the load average before and after, and the sink's message count; deletes the temporary
#     directory (KEEP=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-10000}
WARMUP=${WARMUP:-300}
DOCUMENTS=${DOCUMENTS:-true}
HEAP=${HEAP:-2g}

source bin/setup run
export JAVA_HOME
./mvnw -B -q -DskipTests test-compile
cp_file=target/bench-classpath.txt
if [ ! -s "$cp_file" ] || [ pom.xml -nt "$cp_file" ]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
fi

tmp=$(mktemp -d /tmp/skyport-invoice-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 bench/smtp-sink.py --port "$port" --count-file "$tmp/sink.count" > "$tmp/sink.log" 2>&1 &
sink=$!
cleanup() {
  kill "$sink" 2>/dev/null || true
  wait "$sink" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] && echo "Kept $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT
for _ in $(seq 50); do grep -q listening "$tmp/sink.log" 2>/dev/null && break; sleep 0.1; done

echo "== load before: $(cat /proc/loadavg)  cores: $(nproc)" >&2
"$JAVA_HOME/bin/java" -Xmx"$HEAP" ${JAVA_OPTS:-} -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  io.skyport.billing.invoicing.InvoiceRunBenchmark "$tmp/work" "$port" "$COUNT" "$WARMUP" "$DOCUMENTS" \
  > "$tmp/bench.log" 2>&1 || { tail -n 60 "$tmp/bench.log" >&2; exit 1; }
grep '^BENCH' "$tmp/bench.log"
echo "BENCH smtp_sink_received $(cut -d' ' -f1 "$tmp/sink.count" 2>/dev/null || echo 0) messages"
echo "BENCH smtp_sink_bytes $(cut -d' ' -f2 "$tmp/sink.count" 2>/dev/null || echo 0) bytes"
echo "== load after: $(cat /proc/loadavg)" >&2
