#!/usr/bin/env bash
# Deployer benchmarks (issue 10, performance), on libvirt's test hypervisor with the guest simulated:
#  - request → READY latency over sequential orders (goal: p50 ≤ 100 ms, p99 ≤ 500 ms);
#  - a burst of 500 orders at once on 50 test-hypervisor nodes (goal: all READY at ≥ 50 deployments/s, no node
#    over capacity).
# Run by hand, never as a test; results go to docs/performance.md.
#
#   bench/deployer.sh                                   # 200 sequential orders, a burst of 500 on 50 nodes
#   bench/deployer.sh -Dskyport.bench.burst=200 -Dskyport.bench.nodes=20 -Dskyport.bench.sequential=100
#
# What it does: runs the JUnit class io.skyport.deployer.bench.DeployerBenchmark (skipped in normal builds) in its
# own Spring context on the test PostgreSQL, and prints the lines that start with BENCH.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q test -Dtest=DeployerBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dskyport.bench=true "$@" \
  | grep -E '^BENCH|Tests run|FAIL' || true
grep -h '^BENCH' target/surefire-reports/io.skyport.deployer.bench.DeployerBenchmark-output.txt 2>/dev/null || true
