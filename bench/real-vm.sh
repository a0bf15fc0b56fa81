#!/usr/bin/env bash
# Real-hypervisor benchmarks (issue 11, performance), on libvirtd + QEMU on this machine (tools/libvirt/fixture):
#  - Skyport's overhead: "Create server" of the busybox guest → its phone-home, against a bare `virsh create` of the
#    same domain XML → phone-home, alternated, 5 runs each (goal: overhead ≤ 1 s at p50);
#  - the real Debian guest: order → SSH login possible, 3 runs, with where the time goes.
# Run by hand as root, never as a test; results go to docs/performance.md.
#
#   bench/real-vm.sh
#   bench/real-vm.sh -Dskyport.bench.runs=9 -Dskyport.bench.debian-runs=5
#
# What it does: runs the JUnit class io.skyport.realvm.RealVmBenchmark (skipped in normal builds) in its own Spring
# context on the test PostgreSQL, and prints the lines that start with BENCH.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q test -Dtest=RealVmBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dskyport.bench=true "$@" \
  | grep -E '^BENCH|Tests run|FAIL' || true
grep -h '^BENCH' target/surefire-reports/io.skyport.realvm.RealVmBenchmark-output.txt 2>/dev/null || true
