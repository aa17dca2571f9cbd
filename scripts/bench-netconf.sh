#!/usr/bin/env bash
# NETCONF of the running daemon against Debian's netconfd 2.13 (yuma123, behind OpenSSH's
# `netconf` subsystem) and ODL's netconf-testtool, with the same external clients (paramiko and
# ncclient from /usr/bin/python3, agent/src/test/python/netconf/nc_compare.py), alternated
# between the servers in one run: get-config and <get> round trips over an open session, server
# CPU per request, key and password logins/s (production cost on both sides), 50 concurrent
# password logins, an open session's get-config during a wrong-password flood, refusal times for
# unknown users and wrong passwords, RSS. Prints a table with ratios; asserts nothing.
#
#   scripts/bench-netconf.sh                                  one group of 4 members, 2 runs
#   scripts/bench-netconf.sh --groups 8 --members-per-group 8 the 64-member footprint (RSS)
#   scripts/bench-netconf.sh --smoke                          tiny counts: every row, quickly
# Options: --runs N, --rounds N (timed requests per run), --logins N (sequential logins per kind),
#   --concurrent N, --flood-seconds S, --testtool-jar JAR | --no-testtool, --no-build,
#   --steps getconfig,get,keylogin,pwlogin,concurrent,refusal,flood,rss (a subset, e.g. to profile;
#   JFR: IPMPD_JAVA_OPTS="<bin/ipmpd's options> -XX:StartFlightRecording=filename=/tmp/x.jfr,settings=profile"),
#   --hold S (after the measurements keep the lab up to S seconds, until WORK/release exists: for
#   probes and profilers; it prints WORK, whose servers.json holds the ports, users and password).
#
# Lab (research note netconfd-reference.md): a per-run namespace ipmpd-ncb-PID holds the three
# servers and the clients (all traffic on its loopback) and the members m<g>_<i>, veths whose
# peers sit in ipmpd-ncb-PID-sw on a bridge answering probes at 198.18.<g>.1. ipmpd runs as
# bin/ipmpd starts it (IPMPD_JAVA_OPTS honoured), with a PBKDF2 hash made by bin/ipmpd-passwd
# (210,000 rounds). netconfd runs as a throw-away local user behind a private sshd (own config,
# host key and port, PAM as Debian ships it; the users' passwords are hashed by chpasswd with
# Debian's default, yescrypt). netconfd cannot parse YANG 1.1's `modifier invert-match`, so it
# loads a copy of ipmpd's module without that one pattern; it gets ipmpd's configuration by
# edit-config, so both answer get-config with the same data. Everything is removed on exit, and
# what a killed run left behind (namespaces, users, processes inside them) at the next start.
set -euo pipefail
# all in one function: bash has read the whole script before the run starts, so editing it meanwhile is safe
main() {
cd "$(dirname "$0")/.."
root=$PWD
runs=2 rounds=2000 logins=10 concurrent=50 flood_seconds=10 groups=1 per_group=4
testtool="" use_testtool=yes build=yes smoke=no steps=all hold=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --logins) logins=$2; shift ;;
    --concurrent) concurrent=$2; shift ;;
    --flood-seconds) flood_seconds=$2; shift ;;
    --groups) groups=$2; shift ;;
    --members-per-group) per_group=$2; shift ;;
    --testtool-jar) testtool=$2; shift ;;
    --no-testtool) use_testtool=no ;;
    --no-build) build=no ;;
    --steps) steps=$2; shift ;;
    --hold) hold=$2; shift ;;
    --smoke) smoke=yes runs=1 rounds=20 logins=2 concurrent=4 flood_seconds=2 ;;
    *) echo "bench-netconf: unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
  shift
done
for n in "$runs" "$rounds" "$logins" "$concurrent" "$flood_seconds" "$groups" "$per_group" "$hold"; do
  case "$n" in ''|*[!0-9]*) echo "bench-netconf: counts are whole numbers, not '$n'" >&2; exit 2 ;; esac
done
if [ "$groups" -lt 1 ] || [ "$groups" -gt 16 ] || [ "$per_group" -lt 1 ] || [ "$per_group" -gt 16 ] \
    || [ "$runs" -lt 1 ] || [ "$runs" -gt 20 ] || [ "$hold" -gt 3600 ] || [ "$rounds" -lt 1 ] || [ "$concurrent" -gt 200 ]; then
  echo "bench-netconf: bounds: 1-16 groups of 1-16 members, 1-20 runs, at most 200 concurrent logins, hold at most 3600 s" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "bench-netconf: needs root (network namespaces, a private sshd, throw-away local users)" >&2
  exit 1
fi
for tool in netconfd /usr/sbin/sshd /usr/sbin/netconf-subsystem ssh-keygen chpasswd useradd setpriv; do
  command -v "$tool" >/dev/null || { echo "bench-netconf: $tool is missing: scripts/install-test-deps.sh installs it" >&2; exit 1; }
done
source scripts/java-env.sh
if [ "$build" = yes ]; then
  log=$(mktemp)
  if ! mvn -B -q -ntp -o -DskipTests package >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; echo "bench-netconf: the build failed (above)" >&2; exit 1
  fi
  rm -f "$log"
fi
if [ "$use_testtool" = yes ] && [ -z "$testtool" ]; then
  # the jar run_bench.sh uses; fetched once into ~/.m2 by:
  # mvn dependency:get -Dartifact=org.opendaylight.netconf:netconf-testtool:10.0.2:jar:executable
  testtool=$HOME/.m2/repository/org/opendaylight/netconf/netconf-testtool/10.0.2/netconf-testtool-10.0.2-executable.jar
fi
if [ "$use_testtool" = yes ] && [ ! -f "$testtool" ]; then
  echo "bench-netconf: no netconf-testtool jar at $testtool (mvn dependency:get -Dartifact=org.opendaylight.netconf:netconf-testtool:10.0.2:jar:executable); running without it" >&2
  use_testtool=no
fi

prefix=ipmpd-ncb
# A killed run's leftovers: its namespaces (and whatever still runs in them) and its users,
# named after its pid; only when that pid no longer runs this script.
sweep_stale() {
  local ns pid
  for ns in $(ip netns list | awk '{print $1}' | grep -E "^$prefix-[0-9]+(-sw)?$" || true); do
    pid=${ns#"$prefix"-}; pid=${pid%-sw}
    if [ "$pid" != $$ ] && ! grep -qs bench-netconf "/proc/$pid/cmdline"; then
      for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
      ip netns del "$ns" 2>/dev/null && echo "bench-netconf: removed stale namespace $ns" >&2
    fi
  done
  for u in $(cut -d: -f1 /etc/passwd | grep -E '^ncb[0-9]+u[0-9]+$' || true); do
    pid=${u#ncb}; pid=${pid%u*}
    if [ "$pid" != $$ ] && ! grep -qs bench-netconf "/proc/$pid/cmdline"; then
      for p in $(ps -o pid= -u "$u"); do kill "$p" 2>/dev/null || true; done
      sleep 0.5
      userdel "$u" 2>/dev/null && echo "bench-netconf: removed stale user $u" >&2
    fi
  done
}
sweep_stale

ns=$prefix-$$ sw=$prefix-$$-sw
work=$(mktemp -d /tmp/ipmpd-ncbench.XXXXXX)
chmod 755 "$work"
users=("ncb$$u1" "ncb$$u2" "ncb$$u3")
pids=()
made_run_sshd=no
cleanup() {
  set +e
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  for n in "$ns" "$sw"; do
    for p in $(ip netns pids "$n" 2>/dev/null); do kill "$p" 2>/dev/null; done
    ip netns del "$n" 2>/dev/null
  done
  # sshd's session processes of these users end with the namespace's: give them a moment
  for u in "${users[@]}"; do
    for _ in $(seq 20); do id "$u" >/dev/null 2>&1 || break; userdel "$u" 2>/dev/null && break; sleep 0.1; done
  done
  [ "$made_run_sshd" = yes ] && rmdir /run/sshd 2>/dev/null
  if [ "${keep_work:-no}" = yes ]; then echo "bench-netconf: logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# (a shell function: never for a process started with &, whose $! must be the process itself)
in_ns() { ip netns exec "$ns" "$@"; }

# --- the lab: servers' namespace with members, a switch namespace answering probes
ip netns add "$ns"
ip netns add "$sw"
in_ns ip link set lo up
ip netns exec "$sw" ip link set lo up
ip netns exec "$sw" sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec "$sw" ip link add br0 type bridge
ip netns exec "$sw" ip link set br0 up
for g in $(seq 0 $((groups - 1))); do
  ip netns exec "$sw" ip addr add "198.18.$g.1/24" dev br0
  for i in $(seq 0 $((per_group - 1))); do
    in_ns ip link add "m${g}_$i" type veth peer name "p${g}_$i" netns "$sw"
    ip netns exec "$sw" ip link set "p${g}_$i" master br0 up
    in_ns ip link set "m${g}_$i" up
  done
done

# --- credentials: one password for every user (ipmpd: PBKDF2 at the production cost)
password="bench-$$-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
hash=$(printf '%s\n' "$password" | bin/ipmpd-passwd)
case "$hash" in '$pbkdf2-sha512$210000$'*) ;; *) echo "bench-netconf: bin/ipmpd-passwd gave '$hash'" >&2; exit 1 ;; esac
ssh-keygen -q -t ed25519 -N '' -C bench -f "$work/client_key"
ssh-keygen -q -t ed25519 -N '' -C host -f "$work/sshd_host_key"

ipmpd_port=10830 sshd_port=10831 tt_port=10832
# ipmpd: the configuration, NETCONF with one key+password user and per-run users whose failed
# logins count apart (the per-user back-off lasts 15 minutes: run 2 must not inherit run 1's)
/usr/bin/python3 - "$work" "$groups" "$per_group" "$hash" "$(cat "$work/client_key.pub")" "$runs" "$ipmpd_port" <<'PY'
import json, sys
work, groups, per, hash_, key, runs, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7])
group = [{"name": "g%d" % g,
          "member": [{"interface": "m%d_%d" % (g, i),
                      "ipv4-test-address": {"address": "198.18.%d.%d" % (g, 10 + i), "prefix-length": 24}}
                     for i in range(per)],
          "data-address": [{"address": "198.18.%d.100" % g, "prefix-length": 24, "home-member": "m%d_0" % g}]}
         for g in range(groups)]
json.dump({"ipmp:ipmp": {"group": group}}, open(work + "/ipmpd.json", "w"), indent=1)
users = [{"name": "bench", "password-hash": hash_, "authorized-keys": [key], "groups": ["admin"]}]
for r in range(1, runs + 1):
    users += [{"name": "r%dk%d" % (r, k), "password-hash": hash_, "groups": ["monitor"]} for k in (1, 2, 3)]
    users.append({"name": "r%dflood" % r, "password-hash": hash_, "groups": ["monitor"]})
json.dump({"listen-address": "127.0.0.1", "port": port, "host-key": work + "/ipmpd_host_key",
           "groups": {"admin": "read-write", "monitor": "read-only"}, "users": users},
          open(work + "/netconf.json", "w"), indent=1)
json.dump({"listen": {"address": "127.0.0.1", "port": 10161}, "stateDirectory": work + "/snmp-state",
           "system": {"name": "bench", "contact": "bench", "location": "bench"},
           "communities": [{"community": "public", "sources": ["127.0.0.1/32"]}]},
          open(work + "/snmp.json", "w"))
PY
# ip netns exec and bin/ipmpd both exec: $! is the JVM's pid (the same for setpriv, env, netconfd)
ip netns exec "$ns" bin/ipmpd -c "$work/ipmpd.json" -m /dev/null -s "$work/ipmpd.sock" -l warn \
  --snmp-config "$work/snmp.json" --netconf-config "$work/netconf.json" >"$work/ipmpd.log" 2>&1 &
ipmpd_pid=$!; pids+=("$ipmpd_pid")

# netconfd: local users (the first is netconfd's superuser and owns the process)
mkdir -p "$work/home"
for u in "${users[@]}"; do
  useradd -M -d "$work/home/$u" -s /bin/sh "$u"
  mkdir -p "$work/home/$u/.ssh"
  cp "$work/client_key.pub" "$work/home/$u/.ssh/authorized_keys"
  chown -R "$u:" "$work/home/$u"; chmod 700 "$work/home/$u/.ssh"
  printf '%s:%s\n' "$u" "$password" | chpasswd
done
nc_user=${users[0]}
# netconfd's own directory (its socket, log and module), since it does not run as root
mkdir -m 755 "$work/nc"
sock=$work/nc/ncxserver.sock
/usr/bin/python3 - yang/src/main/resources/yang/ipmp@2026-12-06.yang "$work/nc/ipmp@2026-12-06.yang" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
# yuma123 2.13 rejects YANG 1.1's invert-match: drop that one pattern (names "." and "..")
text, n = re.subn(r"\n\s*pattern '[^']*' \{\s*modifier invert-match;[^}]*\}", "", text)
assert n >= 1, "no invert-match pattern found: update bench-netconf.sh"
open(sys.argv[2], "w").write(text)
PY
chown -R "$nc_user:" "$work/nc"
if [ ! -d /run/sshd ]; then mkdir -m 755 /run/sshd; made_run_sshd=yes; fi
cat >"$work/sshd_config" <<EOF
Port $sshd_port
ListenAddress 127.0.0.1
HostKey $work/sshd_host_key
PidFile $work/sshd.pid
AllowUsers ${users[*]}
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM yes
StrictModes no
# 50 logins at once must not meet the default MaxStartups 10:30:100 (ipmpd allows 100)
MaxStartups 200
Subsystem netconf /usr/sbin/netconf-subsystem --ncxserver-sockname=$sshd_port@$sock
EOF
ip netns exec "$ns" setpriv --reuid="$nc_user" --regid="$nc_user" --init-groups env HOME="$work/home/$nc_user" \
  netconfd --port="$sshd_port" --no-startup --superuser="$nc_user" --ncxserver-sockname="$sock" \
  --modpath="$work/nc:/usr/share/yuma/modules" --module="$work/nc/ipmp@2026-12-06.yang" \
  --log="$work/nc/netconfd.log" --log-level=warn >"$work/netconfd.out" 2>&1 &
netconfd_pid=$!; pids+=("$netconfd_pid")
ip netns exec "$ns" /usr/sbin/sshd -D -e -f "$work/sshd_config" >"$work/sshd.log" 2>&1 &
sshd_pid=$!; pids+=("$sshd_pid")

tt_pid=0
if [ "$use_testtool" = yes ]; then
  mkdir -p "$work/schemas"
  cp yang/src/main/resources/yang/*.yang "$work/schemas/"
fi

wait_port() {  # $1 port, $2 pid, $3 name
  for _ in $(seq 600); do
    in_ns bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench-netconf: $3 did not listen on $1; its log:" >&2
  keep_work=yes
  return 1
}
wait_port "$ipmpd_port" "$ipmpd_pid" ipmpd || { tail -20 "$work/ipmpd.log" >&2; exit 1; }
wait_port "$sshd_port" "$sshd_pid" sshd || { tail -20 "$work/sshd.log" >&2; exit 1; }
for _ in $(seq 100); do [ -S "$sock" ] && break; kill -0 "$netconfd_pid" || break; sleep 0.1; done
[ -S "$sock" ] || { echo "bench-netconf: netconfd did not start:" >&2; cat "$work/netconfd.out" "$work/nc/netconfd.log" >&2; exit 1; }

driver=agent/src/test/python/netconf/nc_compare.py
# netconfd gets ipmpd's configuration; the testtool starts with it
in_ns /usr/bin/python3 "$driver" copy-config "$work" "$ipmpd_port" "$sshd_port" "$nc_user" "$work/client_key" \
  || { keep_work=yes; cat "$work/nc/netconfd.log" >&2; exit 1; }
if [ "$use_testtool" = yes ]; then
  ip netns exec "$ns" java -Xmx256m -jar "$testtool" --ip 127.0.0.1 --starting-port "$tt_port" --device-count 1 --ssh true \
    --schemas-dir "$work/schemas" --initial-config-xml-file "$work/initial-config.xml" >"$work/testtool.log" 2>&1 &
  tt_pid=$!; pids+=("$tt_pid")
  wait_port "$tt_port" "$tt_pid" netconf-testtool || { tail -20 "$work/testtool.log" >&2; exit 1; }
fi

echo "ipmpd pid $ipmpd_pid (${IPMPD_JAVA_OPTS:-the JVM options of bin/ipmpd}), $groups group(s) x $per_group members;" \
  "netconfd pid $netconfd_pid behind sshd pid $sshd_pid; testtool pid $tt_pid"
echo "runs $runs, $rounds timed requests, $logins logins per kind, $concurrent concurrent, flood ${flood_seconds}s;" \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
testtool_entry=""
if [ "$use_testtool" = yes ]; then
  testtool_entry=",
  {\"name\": \"testtool\", \"port\": $tt_port, \"user\": \"admin\", \"password\": \"admin\", \"key_auth\": false,
   \"login_security\": false, \"pids\": [$tt_pid], \"main\": $tt_pid}"
fi
cat >"$work/servers.json" <<EOF
{"password": "$password", "key": "$work/client_key", "runs": $runs, "rounds": $rounds, "logins": $logins,
 "concurrent": $concurrent, "flood_seconds": $flood_seconds, "smoke": "$smoke", "steps": "$steps",
 "servers": [
  {"name": "ipmpd", "port": $ipmpd_port, "user": "bench", "key_auth": true, "login_security": true,
   "known": "r{run}k1,r{run}k2,r{run}k3", "flood_user": "r{run}flood", "pids": [$ipmpd_pid], "main": $ipmpd_pid},
  {"name": "netconfd", "port": $sshd_port, "user": "$nc_user", "key_auth": true, "login_security": true,
   "known": "${users[0]},${users[1]},${users[2]}", "flood_user": "${users[2]}", "pids": [$sshd_pid, $netconfd_pid],
   "main": $netconfd_pid}$testtool_entry
 ]}
EOF
in_ns /usr/bin/python3 "$driver" bench "$work/servers.json" || { keep_work=yes; exit 1; }
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$hold" -gt 0 ]; then
  echo "bench-netconf: the lab stays up to ${hold}s: namespace $ns, work $work (touch $work/release to end)"
  for _ in $(seq "$hold"); do [ -e "$work/release" ] && break; sleep 1; done
fi
}
main "$@"
