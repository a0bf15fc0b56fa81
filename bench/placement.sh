#!/usr/bin/env bash
# Placement benchmarks (issue 4, performance): the placement decision over 1,000 nodes with JMH (goal: at least
# 20,000 decisions per second in process), then packing quality on a fixed workload: PACK against
# first-fit-decreasing (goal: PACK uses no more nodes). Run by hand, never as a test; results go to
# docs/performance.md.
#
#   bench/placement.sh                      # JMH: 1 fork, 3 warm-up and 5 measured iterations
#   bench/placement.sh -f 2 -i 10           # other JMH options replace the defaults
#
# What it does: compiles the main and test classes (JMH's annotation processor generates the benchmark from
# src/test/java/io/skyport/compute/placement/bench/PlacementBenchmark.java), writes the test class path with the
# Maven dependency plugin, runs org.openjdk.jmh.Main, then io.skyport.compute.placement.bench.PackingQuality.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"

./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/placement-bench.classpath
CP="target/test-classes:target/classes:$(cat target/placement-bench.classpath)"

options=("$@")
[ ${#options[@]} -eq 0 ] && options=(-f 1 -wi 3 -i 5)
printf '\n== JMH: the placement decision over 1,000 nodes\n'
"$JAVA" -cp "$CP" org.openjdk.jmh.Main PlacementBenchmark "${options[@]}"

printf '\n== Packing quality\n'
"$JAVA" -cp "$CP" io.skyport.compute.placement.bench.PackingQuality
