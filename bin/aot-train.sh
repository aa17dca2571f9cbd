#!/usr/bin/env bash
# Makes ipmpd's AOT cache (JDK 25+): one training run of the real daemon, with SNMP and NETCONF, in a
# new, empty network namespace (so it touches no interface of the host), stopped once ready; the start
# before it, not recorded, makes the SSH host key and SNMP state that every start but the first reads.
# usage: bin/aot-train.sh [CACHE]   default: agent/target/ipmpd.aot in a checkout,
#        /var/cache/ipmpd/ipmpd.aot installed (the package's postinst runs it). Needs root (unshare -n).
#        The tools' cache (ipmpstat, if_mpadm) goes next to it: ipmpd-tools.aot.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
tool=aot-train
# shellcheck source=launch-env.sh
source "$root/bin/launch-env.sh"
out="${1:-$ipmpd_aot_default}"
if [ "${IPMPD_JAVA_FEATURE:-0}" -lt 25 ]; then
  echo "aot-train: Java $IPMPD_JAVA_FEATURE has no AOT cache (JDK 25 or newer); ipmpd starts without one" >&2
  exit 0
fi
t="$(mktemp -d)"
trap 'rm -rf "$t"' EXIT
mkdir -p "$(dirname "$out")"
# members that do not exist in the empty namespace: the configuration, engine and dataplane code runs,
# nothing is placed; SNMP and NETCONF on loopback ports of that namespace
cat > "$t/ipmpd.json" <<'JSON'
{"ipmp:ipmp": {"failure-detection-time": 1000, "group": [{"name": "train0",
  "member": [{"interface": "train-a", "ipv4-test-address": {"address": "198.18.0.10", "prefix-length": 24}},
             {"interface": "train-b", "standby": true}],
  "data-address": [{"address": "198.18.0.100", "prefix-length": 24, "home-member": "train-a"}]}]}}
JSON
cat > "$t/snmp.json" <<JSON
{"listen": {"address": "127.0.0.1", "port": 10161}, "stateDirectory": "$t/snmp",
 "users": [{"name": "train", "auth": "SHA-256", "authPassphrase": "training pass phrase",
            "priv": "AES-128", "privPassphrase": "training privacy", "access": "ro"}]}
JSON
cat > "$t/netconf.json" <<JSON
{"listen-address": "127.0.0.1", "port": 10830, "host-key": "$t/ssh_host_key",
 "groups": {"monitor": "read-only"},
 "users": [{"name": "train", "authorized-keys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKdlGt6Y8PLB/Hw/CinO+lwsrqoRP0PS/NVskasJlrGT train"], "groups": ["monitor"]}]}
JSON
rm -f "$out"
tools="${out%/*}/ipmpd-tools.aot"
rm -f "$tools"
# Two starts: the first (not recorded) makes the SSH host key and the SNMP engine's state; the training run
# then starts as every later start does, reading them, so the key's parsers are in the cache too.
IPMPD_AOT_OUTPUT="${out%.aot}.tmp.aot" unshare --net -- bash -c '
  ip link set lo up
  start() {   # $1: what the AOT output is for this start ("" = none); waits for ready
    : > "$T/log"
    IPMPD_AOT_OUTPUT="$1" IPMPD_AOT_CACHE=/nonexistent "$R/bin/ipmpd" -c "$T/ipmpd.json" -m /dev/null \
      -s "$T/ipmpd.sock" --state-dir "$T/state" --snmp-config "$T/snmp.json" --netconf-config "$T/netconf.json" \
      > "$T/log" 2>&1 &
    d=$!
    for _ in $(seq 1200); do grep -q "ipmpd ready" "$T/log" && break; kill -0 $d 2>/dev/null || break; sleep 0.1; done
  }
  R=$0 T=$1
  output=$IPMPD_AOT_OUTPUT
  start ""
  grep -q "ipmpd ready" "$T/log" || exit 1
  kill -TERM $d; wait $d
  start "$output"
  IPMPD_AOT_OUTPUT= IPMPD_TOOL_AOT_OUTPUT="$2" "$R/bin/ipmpstat" --socket "$T/ipmpd.sock" -g >/dev/null 2>&1 || true
  kill -TERM $d; wait $d' "$root" "$t" "$tools" || { echo "aot-train: the training run failed:" >&2; tail -20 "$t/log" >&2; exit 1; }
if ! grep -q "ipmpd ready" "$t/log"; then
  echo "aot-train: the training run did not get ready:" >&2; tail -20 "$t/log" >&2; exit 1
fi
mv "${out%.aot}.tmp.aot" "$out"
echo "$out"
