#!/usr/bin/env bash
# Invoice PDF benchmark: InvoicePdfRenderer.render alone (JasperReports fill + PDF export, fonts embedded), warm,
# with JMH (src/test/java/io/skyport/billing/documents/bench/InvoicePdfBenchmark.java), on 1 thread and on as many
# threads as cores. Run by hand, never as a test; results go to docs/performance.md.
#
#   bench/invoice-pdf.sh
#   THREADS="1 2 4" JMH_ARGS="-wi 2 -i 3" bench/invoice-pdf.sh
#
# Prints ops/ms (multiply by 1000 for PDFs/s) and ms/op per benchmark and thread count, then the CPU time per PDF
# on one thread (stable when other processes share the cores) and the size of each PDF. COUNT (2000): PDFs timed.
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=${THREADS:-"1 $(nproc)"}
JMH_ARGS=${JMH_ARGS:-}
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

echo "== Compiling (the report template is compiled in process-classes)" >&2
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

for threads in $THREADS; do
  echo "== InvoicePdfBenchmark, $threads thread(s)" >&2
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main InvoicePdfBenchmark -t "$threads" $JMH_ARGS | grep -E "^(Benchmark|InvoicePdf)"
done

echo "== CPU time per PDF, one thread (InvoicePdfCpuTime, ${COUNT:-2000} PDFs each)" >&2
"$JAVA" -Djava.awt.headless=true -Xmx1g -cp "$CP" io.skyport.billing.documents.bench.InvoicePdfCpuTime "${COUNT:-2000}"
