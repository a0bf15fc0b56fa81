# Shared by the wrk benchmarks (sourced, not run): logging, the tools they need, a free port and the Skyport jar.
# After sourcing: $NGINX is the nginx binary and $jar the Skyport jar (built when missing or older than the sources,
# unless JAR is set).

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
