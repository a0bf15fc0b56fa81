# Shared by the wrk benchmarks (sourced, not run): logging, the tools they need, a free port and the Skyport jar.
# After sourcing: $NGINX is the nginx binary, $jar the Skyport jar (built when missing or older than the sources,
# unless JAR is set), $tmp a scratch directory removed on exit (KEEP=1 keeps it), cleanup stops $skyport_pid and
# $nginx_pid, and $skyport_port/$pg_port/$nginx_port with $skyport/$nginx are free ports and their URLs.

log() { printf '\n== %s\n' "$*" >&2; }

install_missing() {
  local missing=() sudo=""
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v curl >/dev/null || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=sudo; else
      echo "Missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2; exit 1
    fi
  fi
  log "Installing ${missing[*]}"
  $sudo apt-get update -qq
  # The Debian package may start a system-wide nginx; the benchmarks run their own.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

install_missing
source bin/setup run
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

jar=${JAR:-$(ls target/skyport-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)}
if [ -z "${JAR:-}" ] && { [ -z "$jar" ] || [ -n "$(find pom.xml src/main -newer "$jar" -print -quit)" ]; }; then
  log "Building the jar"
  ./mvnw -B -q -DskipTests package
  jar=$(ls target/skyport-*.jar | grep -v '\.original$' | head -n 1)
fi

# A scratch directory (nginx's workers run as nobody and read files from it), the processes to stop on exit, and
# the ports of this run.
tmp=$(mktemp -d /tmp/skyport-bench.XXXXXX)
chmod 755 "$tmp"
skyport_pid=""
nginx_pid=""
cleanup() {
  set +e
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  if [ -n "$skyport_pid" ] && kill "$skyport_pid" 2>/dev/null; then
    for _ in $(seq 60); do kill -0 "$skyport_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$skyport_pid" 2>/dev/null
    wait "$skyport_pid" 2>/dev/null
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "Kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

skyport_port=$(free_port)
pg_port=$(free_port)
nginx_port=$(free_port)
skyport="http://127.0.0.1:$skyport_port"
nginx="http://127.0.0.1:$nginx_port"
