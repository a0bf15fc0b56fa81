#!/usr/bin/env bash
# Storefront load benchmark: Skyport against nginx serving the same HTML, in the same run (the issue's second
# performance requirement: Skyport >= 20 % of nginx's requests per second, p99 <= 50 ms, on 2 cores).
# Run by hand, never as a test; results go to docs/performance.md.
#
#   bench/storefront.sh                    # home page and a search page, 20 s per wrk run
#   DURATION=30s ROUNDS=2 bench/storefront.sh
#
# What it does:
#  1. installs wrk and nginx (Debian packages) with apt-get if missing (needs root or password-less sudo);
#  2. builds target/skyport-*.jar if it is missing or older than the sources;
#  3. starts Skyport with the demo data on a throw-away data directory (embedded PostgreSQL on its own port) and
#     waits until it is ready (runners done, i.e. the demo catalog exists);
#  4. adds 10,000 published products with psql, running src/test/resources/seed/storefront-products.sql
#     (the seed StorefrontQueryCountTests uses);
#  5. fetches each page once (its first render, JVM cold) and saves the HTML, which a minimal nginx on 127.0.0.1
#     serves from a file (access_log off, sendfile on, keep-alive);
#  6. warms both up, then per page runs `wrk -t2 -c32 -d20s --latency` against nginx and against Skyport, and prints
#     requests per second, p99, the ratio, and the X-Skyport-Cache header seen before and after the run;
#  7. times cache-miss renders (a query parameter no page uses makes a new cache key) with curl;
#  8. stops Skyport and nginx and deletes the temporary directory (KEEP=1 keeps it, with the logs).
#
# Settings (environment): DURATION (20s), THREADS (2), CONNECTIONS (32), ROUNDS (1: repeat the nginx/Skyport pair
# per page), WARMUP (10s), SEARCH (nebula: the search page's query, matches all 10,000 seeded products), JAR (a
# Skyport jar to measure instead of target/'s, e.g. an older build to compare with).
# Like the reference numbers in /work/shared/design.md, wrk, nginx and Skyport share the machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-1}
WARMUP=${WARMUP:-10s}
SEARCH=${SEARCH:-nebula}
PAGES=("/" "/products?q=$SEARCH")
NAMES=("home" "search")

source bench/common.sh

log "Starting Skyport ($jar) on port $skyport_port, data in $tmp"
"$JAVA_HOME/bin/java" -jar "$jar" --skyport.demo.enabled=true --server.port="$skyport_port" \
  --skyport.embedded-postgres.data-dir="$tmp/postgres" --skyport.embedded-postgres.port="$pg_port" \
  --skyport.storage.local.root="$tmp/objects" --management.endpoint.health.probes.enabled=true \
  >"$tmp/skyport.log" 2>&1 &
skyport_pid=$!
started=$(date +%s)
# Readiness turns UP after the application runners, i.e. once the demo catalog is in place.
until curl -fs "$skyport/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
  if ! kill -0 "$skyport_pid" 2>/dev/null || [ $(( $(date +%s) - started )) -gt 180 ]; then
    tail -n 40 "$tmp/skyport.log" >&2; echo "Skyport did not start" >&2; exit 1
  fi
  sleep 1
done
echo "ready after $(( $(date +%s) - started )) s" >&2

log "Seeding 10,000 products"
seed_started=$(date +%s%N)
PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d skyport \
  -f src/test/resources/seed/storefront-products.sql
products=$(psql -X -At -h 127.0.0.1 -p "$pg_port" -U postgres -d skyport \
  -c "select count(*) from products where status = 'PUBLISHED'")
echo "$products published products ($(( ($(date +%s%N) - seed_started) / 1000000 )) ms)" >&2

log "First renders (cache MISS, cold JVM) and the HTML for nginx"
mkdir -p "$tmp/html"
chmod 755 "$tmp/html"
declare -A first_render size gzip_size
for i in "${!PAGES[@]}"; do
  name=${NAMES[$i]}
  out=$(curl -s -o "$tmp/html/$name.html" -D "$tmp/$name.headers" -w '%{http_code} %{time_total}' "$skyport${PAGES[$i]}")
  grep -qi '^X-Skyport-Cache: MISS' "$tmp/$name.headers" || { echo "first fetch of ${PAGES[$i]} was not a MISS" >&2; exit 1; }
  [ "${out%% *}" = 200 ] || { echo "${PAGES[$i]} answered ${out%% *}" >&2; exit 1; }
  first_render[$name]=$(awk -v t="${out#* }" 'BEGIN { printf "%.0f", t * 1000 }')
  size[$name]=$(stat -c %s "$tmp/html/$name.html")
  gzip_size[$name]=$(curl -s -H 'Accept-Encoding: gzip' "$skyport${PAGES[$i]}" | wc -c)
  echo "${PAGES[$i]}: ${size[$name]} bytes (${gzip_size[$name]} gzipped), first render ${first_render[$name]} ms" >&2
done

cat >"$tmp/nginx.conf" <<EOF
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 1024; }
http {
    types { text/html html; }
    default_type application/octet-stream;
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
EOF
"$NGINX" -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 50); do curl -fs -o /dev/null "$nginx/home.html" && break; sleep 0.1; done
for name in "${NAMES[@]}"; do
  cmp -s <(curl -s "$nginx/$name.html") "$tmp/html/$name.html" || { echo "nginx does not serve $name.html" >&2; exit 1; }
done
echo "nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') on port $nginx_port" >&2

cache_header() { curl -s -o /dev/null -D - "$1" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]kyport-[Cc]ache: //p'; }

# wrk's summary as "<requests/s> <p99 in ms>"
run_wrk() {
  local report
  report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency "$2")
  echo "$report" >>"$tmp/wrk.log"
  echo "$report" | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
               else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } p99 = v }
    /Socket errors|Non-2xx/ { errors = errors " [" $0 "]" }
    END { printf "%.0f %.2f%s\n", rps, p99, errors }'
}

log "Warming up ($WARMUP per target)"
for i in "${!PAGES[@]}"; do
  run_wrk "$WARMUP" "$nginx/${NAMES[$i]}.html" >/dev/null
  run_wrk "$WARMUP" "$skyport${PAGES[$i]}" >/dev/null
done

log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS round(s)"
results=()
for round in $(seq "$ROUNDS"); do
  for i in "${!PAGES[@]}"; do
    name=${NAMES[$i]}
    read -r n_rps n_p99 n_err <<<"$(run_wrk "$DURATION" "$nginx/$name.html")"
    before=$(cache_header "$skyport${PAGES[$i]}")
    read -r s_rps s_p99 s_err <<<"$(run_wrk "$DURATION" "$skyport${PAGES[$i]}")"
    after=$(cache_header "$skyport${PAGES[$i]}")
    ratio=$(awk -v s="$s_rps" -v n="$n_rps" 'BEGIN { printf "%.1f", 100 * s / n }')
    results+=("$(printf '| %s | %s | %s | %s | %s | %s | %s %% | %s/%s |' "$round" "${PAGES[$i]}" "$n_rps" "$n_p99" \
      "$s_rps" "$s_p99" "$ratio" "$before" "$after")")
    [ -n "${n_err:-}${s_err:-}" ] && echo "errors: nginx ${n_err:-none}; skyport ${s_err:-none}" >&2
    echo "${results[-1]}" >&2
  done
done

log "Cache-miss renders (warm JVM; a new query parameter each time)"
declare -A misses
for i in "${!PAGES[@]}"; do
  sep='?'; [[ ${PAGES[$i]} == *\?* ]] && sep='&'
  times=()
  for n in 1 2 3 4 5; do
    t=$(curl -s -o /dev/null -D "$tmp/miss.headers" -w '%{time_total}' "$skyport${PAGES[$i]}${sep}bench=$RANDOM$n")
    grep -qi '^X-Skyport-Cache: MISS' "$tmp/miss.headers" || echo "warning: not a MISS" >&2
    times+=("$(awk -v t="$t" 'BEGIN { printf "%.0f", t * 1000 }')")
  done
  misses[${NAMES[$i]}]=$(printf '%s ' "${times[@]}")
done

echo
echo "Skyport $(basename "$jar"), $products published products, $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | page | nginx req/s | nginx p99 ms | Skyport req/s | Skyport p99 ms | Skyport/nginx | X-Skyport-Cache before/after |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
echo
echo "| page | HTML bytes | gzipped | first render, cold JVM (ms) | cache-miss renders, warm (ms) |"
echo "|---|---|---|---|---|"
for i in "${!PAGES[@]}"; do
  name=${NAMES[$i]}
  echo "| ${PAGES[$i]} | ${size[$name]} | ${gzip_size[$name]} | ${first_render[$name]} | ${misses[$name]}|"
done
