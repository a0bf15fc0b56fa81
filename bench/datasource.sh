#!/usr/bin/env bash
# NoCloud data-source load benchmark: meta-data of 1,000 valid tokens from Skyport against nginx serving files of the
# same size at the same paths, in the same run (the issue's requirement: Skyport >= 30 % of nginx's requests per
# second). Run by hand, never as a test; results go to docs/performance.md.
#
#   bench/datasource.sh                          # 15 s per wrk run
#   DURATION=30s ROUNDS=2 bench/datasource.sh
#
# What it does:
#  1. installs wrk and nginx (Debian packages) with apt-get if missing (needs root or password-less sudo);
#  2. builds target/skyport-*.jar if it is missing or older than the sources, and the test classes;
#  3. starts Skyport with the demo data on a throw-away data directory (embedded PostgreSQL on its own port), with
#     the rate limits raised by property (1,000 tokens from one address at ~15k req/s would otherwise get 429s);
#  4. issues 1,000 seeds for the demo customer with src/test/java/.../nocloud/DataSourceBenchSeeds.java, which calls
#     the production NoCloudSeeds.issue against Skyport's database (there is no bench endpoint in Skyport, and
#     instances cannot be created through the API yet); hostnames bench-000000… give every meta-data the same size;
#  5. fetches each token's meta-data once with curl and stores it as a file under the same path, which a minimal
#     nginx on 127.0.0.1 serves (access_log off, sendfile on, keep-alive);
#  6. warms both up, then runs `wrk -t2 -c32 -d15s --latency` with a Lua script cycling through the 1,000
#     /nocloud/<token>/meta-data paths, against nginx and against Skyport, and prints requests per second, p99 and
#     the ratio; checks that the audit recorded every Skyport request (accesses recorded vs. requests made; identical
#     accesses within ~200 ms share a row, so there are far fewer rows);
#  7. stops Skyport and nginx and deletes the temporary directory (KEEP=1 keeps it, with the logs).
#
# Settings (environment): DURATION (15s), THREADS (2), CONNECTIONS (32), ROUNDS (1), WARMUP (10s), TOKENS (1000),
# JAR (a Skyport jar to measure instead of target/'s), JAVA_OPTS (extra JVM options for Skyport), SKYPORT_ARGS (extra
# Skyport arguments, e.g. --skyport.compute.datasource.audit.batch-size=2000).
# Like the reference numbers in /work/shared/design.md, wrk, nginx and Skyport share the machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-1}
WARMUP=${WARMUP:-10s}
TOKENS=${TOKENS:-1000}
UNLIMITED=1000000000

source bench/common.sh

log "Compiling the seed issuer (test classes)"
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$tmp/classpath.txt" >/dev/null

sql() { PGCONNECT_TIMEOUT=10 psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d skyport -c "$1"; }

log "Starting Skyport ($jar) on port $skyport_port, data in $tmp"
# shellcheck disable=SC2086  # JAVA_OPTS and SKYPORT_ARGS are word lists
"$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -jar "$jar" --skyport.demo.enabled=true --server.port="$skyport_port" \
  --skyport.embedded-postgres.data-dir="$tmp/postgres" --skyport.embedded-postgres.port="$pg_port" \
  --skyport.storage.local.root="$tmp/objects" --management.endpoint.health.probes.enabled=true \
  --skyport.compute.datasource.rate-limit.per-token=$UNLIMITED \
  --skyport.compute.datasource.rate-limit.per-address=$UNLIMITED ${SKYPORT_ARGS:-} \
  >"$tmp/skyport.log" 2>&1 &
skyport_pid=$!
started=$(date +%s)
until curl -fs "$skyport/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
  if ! kill -0 "$skyport_pid" 2>/dev/null || [ $(( $(date +%s) - started )) -gt 180 ]; then
    tail -n 40 "$tmp/skyport.log" >&2; echo "Skyport did not start" >&2; exit 1
  fi
  sleep 1
done
echo "ready after $(( $(date +%s) - started )) s" >&2

log "Issuing $TOKENS seeds"
customer=$(sql "select id from organisations where type = 'CUSTOMER' order by created_at limit 1")
[ -n "$customer" ] || { echo "no customer organisation (demo data missing?)" >&2; exit 1; }
"$JAVA_HOME/bin/java" -cp "target/classes:target/test-classes:$(cat "$tmp/classpath.txt")" \
  io.skyport.compute.nocloud.DataSourceBenchSeeds "jdbc:postgresql://127.0.0.1:$pg_port/skyport" postgres \
  "$customer" "http://127.0.0.1:$skyport_port" "$TOKENS" "$tmp/seeds.txt" >&2
sed 's|$|meta-data|' "$tmp/seeds.txt" >"$tmp/paths.txt"

log "Fetching every meta-data once (first reads fill the cache) and storing them for nginx"
mkdir -p "$tmp/html"
while read -r path; do
  mkdir -p "$tmp/html$(dirname "$path")"
  printf '%s\n' "url = \"$skyport$path\"" "output = \"$tmp/html$path\""
done <"$tmp/paths.txt" >"$tmp/curl.cfg"
curl -fsS --no-progress-meter --parallel --parallel-max 8 -K "$tmp/curl.cfg"
chmod -R a+rX "$tmp/html"
sizes=$(find "$tmp/html" -type f -printf '%s\n' | sort -u | tr '\n' ' ')
files=$(find "$tmp/html" -type f | wc -l)
[ "$files" = "$TOKENS" ] || { echo "expected $TOKENS meta-data files, found $files" >&2; exit 1; }
echo "$files meta-data documents, size(s) in bytes: $sizes" >&2
first=$(head -n 1 "$tmp/paths.txt")

cat >"$tmp/nginx.conf" <<CONF
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 1024; }
http {
    default_type text/plain;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000;
    client_body_temp_path $tmp/nginx-body;
    proxy_temp_path $tmp/nginx-proxy;
    fastcgi_temp_path $tmp/nginx-fastcgi;
    uwsgi_temp_path $tmp/nginx-uwsgi;
    scgi_temp_path $tmp/nginx-scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        root $tmp/html;
    }
}
CONF
"$NGINX" -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 50); do curl -fs -o /dev/null "$nginx$first" && break; sleep 0.1; done
cmp -s <(curl -s "$nginx$first") <(curl -s "$skyport$first") || { echo "nginx and Skyport differ at $first" >&2; exit 1; }
echo "nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') on port $nginx_port" >&2

# Each wrk thread has its own Lua state: it reads the paths and cycles through them from a random start.
cat >"$tmp/cycle.lua" <<'LUA'
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

# wrk's summary as "<requests/s> <p99 in ms> <requests> [errors]"
run_wrk() {
  local report
  report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency -s "$tmp/cycle.lua" "$2" -- "$tmp/paths.txt")
  echo "$report" >>"$tmp/wrk.log"
  echo "$report" | awk '
    /Requests\/sec/ { rps = $2 }
    / requests in / { total = $1 }
    /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
               else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } p99 = v }
    /Socket errors|Non-2xx/ { errors = errors " [" $0 "]" }
    END { printf "%.0f %.2f %d%s\n", rps, p99, total, errors }'
}

audit_accesses() { sql "select coalesce(sum(count), 0) || ' ' || count(*) from compute_nocloud_accesses"; }

log "Warming up ($WARMUP per target)"
run_wrk "$WARMUP" "$nginx" >/dev/null
run_wrk "$WARMUP" "$skyport" >/dev/null

log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $TOKENS tokens, $ROUNDS round(s)"
results=()
audit=()
for round in $(seq "$ROUNDS"); do
  read -r n_rps n_p99 n_total n_err <<<"$(run_wrk "$DURATION" "$nginx")"
  sleep 2   # let the audit writer finish the warm-up's rows
  read -r before before_rows <<<"$(audit_accesses)"
  read -r s_rps s_p99 s_total s_err <<<"$(run_wrk "$DURATION" "$skyport")"
  sleep 2
  read -r after after_rows <<<"$(audit_accesses)"
  ratio=$(awk -v s="$s_rps" -v n="$n_rps" 'BEGIN { printf "%.1f", 100 * s / n }')
  results+=("$(printf '| %s | %s | %s | %s | %s | %s %% |' "$round" "$n_rps" "$n_p99" "$s_rps" "$s_p99" "$ratio")")
  audit+=("round $round: $s_total requests to Skyport; the audit recorded $(( after - before )) accesses in $(( after_rows - before_rows )) rows")
  [ -n "${n_err:-}${s_err:-}" ] && echo "errors: nginx ${n_err:-none}; skyport ${s_err:-none}" >&2
  echo "${results[-1]}" >&2
done
dropped=$(grep -c 'data-source accesses were not recorded' "$tmp/skyport.log" || true)

echo
echo "Skyport $(basename "$jar"), $TOKENS tokens, meta-data of $sizes bytes, $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | nginx req/s | nginx p99 ms | Skyport req/s | Skyport p99 ms | Skyport/nginx |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
echo
printf '%s\n' "${audit[@]}"
echo "audit warnings about dropped records in the log: $dropped"
