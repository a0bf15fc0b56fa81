#!/bin/sh
# Registers this host as a Skyport compute node once, then sends a heartbeat every INTERVAL seconds.
# POSIX sh + curl; see docs/compute-nodes.md. Run it as a service (systemd unit, runit, a container) so it restarts.
#
#   SKYPORT_URL=https://skyport.example ENROLMENT_TOKEN=skpe_... NODE_REGION=eu-west-1 \
#     NODE_URI=qemu+ssh://root@$(hostname -f)/system sh compute-node-enrol.sh
#
# Settings (environment):
#   SKYPORT_URL       where Skyport answers (required)
#   ENROLMENT_TOKEN   an enrolment token from the admin page "Compute nodes" (needed for the first run only)
#   NODE_NAME         default: the short host name
#   NODE_URI          how Skyport reaches libvirt here; default qemu+ssh://root@<fully qualified host name>/system
#   NODE_REGION       required unless the token names a region
#   VIRT_TYPE         kvm or qemu; default kvm if /dev/kvm works, qemu (TCG) on nested hosts and without /dev/kvm
#   STORAGE_POOL      libvirt storage pool for volumes (default: default)
#   NETWORK_MODE      user, network or bridge (default: user); NETWORK_SOURCE names the network or bridge
#   DATASOURCE_URL    where this host's guests reach Skyport, if not Skyport's default
#   DISK_PATH         directory whose file system holds the volumes, for the disk size (default /var/lib/libvirt/images)
#   INTERVAL          seconds between heartbeats (default 30, 5..3600)
#   STATE_FILE        where the node id and heartbeat token are kept (default /var/lib/skyport-node/state)
#   ONCE=1            send one heartbeat and exit (for cron or a test)
set -eu

: "${SKYPORT_URL:?Set SKYPORT_URL, e.g. https://skyport.example}"
SKYPORT_URL=${SKYPORT_URL%/}
NODE_NAME=${NODE_NAME:-$(hostname -s 2>/dev/null || hostname)}
NODE_URI=${NODE_URI:-qemu+ssh://root@$(hostname -f 2>/dev/null || hostname)/system}
NODE_REGION=${NODE_REGION:-}
STORAGE_POOL=${STORAGE_POOL:-default}
NETWORK_MODE=${NETWORK_MODE:-user}
NETWORK_SOURCE=${NETWORK_SOURCE:-}
DATASOURCE_URL=${DATASOURCE_URL:-}
DISK_PATH=${DISK_PATH:-/var/lib/libvirt/images}
INTERVAL=${INTERVAL:-30}
STATE_FILE=${STATE_FILE:-/var/lib/skyport-node/state}
ONCE=${ONCE:-0}

log() { printf '%s compute-node-enrol: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }

# Values go into JSON as they are: refuse what would need escaping.
for value in "$NODE_NAME" "$NODE_URI" "$NODE_REGION" "$STORAGE_POOL" "$NETWORK_MODE" "$NETWORK_SOURCE" "$DATASOURCE_URL"; do
	case $value in *[\"\\]*) log "settings must not contain quotes or backslashes: $value"; exit 2 ;; esac
done
case $INTERVAL in '' | *[!0-9]*) log "INTERVAL must be a number of seconds"; exit 2 ;; esac

# A JSON string member, or nothing for an empty value.
member() {
	[ -z "$2" ] || printf ',"%s":"%s"' "$1" "$2"
}

if [ -z "${VIRT_TYPE:-}" ]; then
	# Nested hosts (e.g. kvm_pvm) advertise KVM but cannot run guests under it: use TCG there.
	if [ -c /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ]; then VIRT_TYPE=kvm; else VIRT_TYPE=qemu; fi
fi

disk_dir=$DISK_PATH
[ -d "$disk_dir" ] || disk_dir=/
# df -Pk: POSIX output in KiB; column 2 is the size, column 4 what is available.
disk_kib() { df -Pk "$disk_dir" | awk -v col="$1" 'NR == 2 { print $col }'; }
meminfo_mib() { awk -v key="$1:" '$1 == key { print int($2 / 1024) }' /proc/meminfo; }

enrol() {
	: "${ENROLMENT_TOKEN:?No $STATE_FILE yet: set ENROLMENT_TOKEN to enrol this host}"
	body=$(printf '{"name":"%s","uri":"%s","virtType":"%s","vcpus":%s,"memoryMib":%s,"diskGib":%s,"heartbeatIntervalSeconds":%s' \
		"$NODE_NAME" "$NODE_URI" "$VIRT_TYPE" "$(nproc)" "$(meminfo_mib MemTotal)" \
		"$(( $(disk_kib 2) / 1048576 ))" "$INTERVAL")
	body="$body$(member region "$NODE_REGION")$(member storagePool "$STORAGE_POOL")$(member networkMode "$NETWORK_MODE")"
	body="$body$(member networkSource "$NETWORK_SOURCE")$(member datasourceBaseUrl "$DATASOURCE_URL")}"

	answer=$(mktemp)
	status=$(curl -sS --max-time 60 -o "$answer" -w '%{http_code}' -X POST "$SKYPORT_URL/api/v1/compute/nodes/enrol" \
		-H "Authorization: Bearer $ENROLMENT_TOKEN" -H 'Content-Type: application/json' --data "$body") || status=000
	if [ "$status" != 201 ]; then
		log "enrolment refused (HTTP $status): $(cat "$answer")"
		rm -f "$answer"
		exit 1
	fi
	node_id=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' "$answer")
	node_token=$(sed -n 's/.*"heartbeatToken":"\([^"]*\)".*/\1/p' "$answer")
	rm -f "$answer"
	mkdir -p "$(dirname "$STATE_FILE")"
	(umask 077 && printf 'NODE_ID=%s\nNODE_TOKEN=%s\n' "$node_id" "$node_token" > "$STATE_FILE")
	log "enrolled as $NODE_NAME (node $node_id); heartbeat token kept in $STATE_FILE"
}

[ -s "$STATE_FILE" ] || enrol
# shellcheck disable=SC1090
. "$STATE_FILE"

while :; do
	body=$(printf '{"freeMemoryMib":%s,"freeDiskGib":%s}' "$(meminfo_mib MemAvailable)" "$(( $(disk_kib 4) / 1048576 ))")
	status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -X PUT \
		"$SKYPORT_URL/api/v1/compute/nodes/$NODE_ID/heartbeat" -H "Authorization: Bearer $NODE_TOKEN" \
		-H 'Content-Type: application/json' --data "$body") || status=000
	case $status in
		204) ;;
		401) log "heartbeat refused: the node was deleted or its token is wrong; remove $STATE_FILE to enrol again"; exit 1 ;;
		*) log "heartbeat failed (HTTP $status); trying again in $INTERVAL s" ;;
	esac
	if [ "$ONCE" = 1 ]; then [ "$status" = 204 ]; exit; fi
	sleep "$INTERVAL"
done
