#!/usr/bin/env bash
# ipmpstat's wall and CPU time against one running daemon, next to what the JVM alone and the bash
# launcher alone cost in the same minutes, and which classes and libraries ipmpstat's JVM loads.
# One daemon (no SNMP, no NETCONF) in a new, empty network namespace (its members do not exist,
# nothing is placed, nothing on the host is touched); then RUNS rounds, each of:
#   bin/ipmpstat -g against it (as an operator runs it: the launcher, tool.options, the tools' AOT cache
#     when bin/aot-train.sh made one, or IPMPD_TOOL_AOT_CACHE),
#   a bare JVM: java @bin/jvm/tool.options with a class that prints one line (the JDK's CDS archive),
#   the launcher alone: bin/ipmpstat with a JDK whose bin/java is /bin/true.
# usage: scripts/bench-tools.sh [RUNS]   (default 20). Needs root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
# shellcheck source=java-env.sh
source "$root/scripts/java-env.sh"
t="$(mktemp -d)"
trap 'rm -rf "$t"' EXIT
# one group whose members do not exist in the namespace: nothing is placed
cp "$root/scripts/bench-daemon.json" "$t/ipmpd.json"
cache="${IPMPD_TOOL_AOT_CACHE:-$root/agent/target/ipmpd-tools.aot}"
if [ "${IPMPD_JAVA_FEATURE:-0}" -ge 25 ] && [ -f "$cache" ]; then
  echo "tools' AOT cache: $cache"
else
  echo "tools' AOT cache: none (bin/aot-train.sh makes one with JDK 25)"
fi
# the bare JVM's class, and a JDK that runs nothing for the launcher alone
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$t/Hello.java"
bare=""
if [ -x "$JAVA_HOME/bin/javac" ] && "$JAVA_HOME/bin/javac" -d "$t" "$t/Hello.java"; then
  bare="$JAVA_HOME/bin/java @$root/bin/jvm/tool.options -cp $t Hello"
fi
mkdir -p "$t/nojvm/bin"
ln -s /bin/true "$t/nojvm/bin/java"
echo "JAVA_VERSION=\"$IPMPD_JAVA_FEATURE\"" > "$t/nojvm/release"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
TIMEFORMAT="%3U %3S" unshare --net -- bash -c '
  ip link set lo up
  "$0/bin/ipmpd" -c "$1/ipmpd.json" -m /dev/null -s "$1/ipmpd.sock" > "$1/log" 2>&1 &
  d=$!
  for _ in $(seq 6000); do grep -q "ipmpd ready" "$1/log" && break; kill -0 $d 2>/dev/null || break; sleep 0.01; done
  grep -q "ipmpd ready" "$1/log" || { tail -5 "$1/log" >&2; kill -TERM $d 2>/dev/null; exit 1; }
  # wall (date) and CPU (bash time: user + sys, which the load of the host changes less than wall) of one command
  measure() {
    local name=$1 s0 s1; shift
    s0=$(date +%s%N)
    { time "$@" >/dev/null; } 2>> "$t/$name.cpu" || { echo "$name failed" >&2; kill -TERM $d; exit 1; }
    s1=$(date +%s%N)
    echo $(( (s1 - s0) / 1000000 )) >> "$t/$name.wall"
  }
  t=$1
  for _ in $(seq "$2"); do
    measure ipmpstat "$0/bin/ipmpstat" --socket "$1/ipmpd.sock" -g
    [ -z "$3" ] || measure bare $3
    IPMPD_JAVA_HOME="$1/nojvm" measure launcher "$0/bin/ipmpstat" --socket "$1/ipmpd.sock" -g
  done
  JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$1/classes" "$0/bin/ipmpstat" --socket "$1/ipmpd.sock" -g \
    > /dev/null 2>&1
  kill -TERM $d; wait $d || true' "$root" "$t" "$runs" "$bare"
report() {
  [ -f "$t/$1.wall" ] || { echo "$2: not measured (no javac for its class)"; return 0; }
  local w c
  w=$(sort -n "$t/$1.wall" | awk '{a[NR]=$1} END {printf "median %d ms, min %d, max %d", a[int((NR+1)/2)], a[1], a[NR]}')
  c=$(awk '{print int(($1 + $2) * 1000)}' "$t/$1.cpu" | sort -n \
    | awk '{a[NR]=$1} END {printf "median %d ms, min %d, max %d", a[int((NR+1)/2)], a[1], a[NR]}')
  echo "$2: wall $w; CPU (user+sys) $c (n=$(wc -l < "$t/$1.wall"))"
}
report ipmpstat "ipmpstat -g"
report bare "bare JVM (tool.options, Hello, the JDK's CDS archive)"
report launcher "launcher alone (bin/ipmpstat to exec)"
echo "ipmpstat -g loads $(grep -c 'source:' "$t/classes") classes ($(grep -c 'source: shared' "$t/classes" || true) from the AOT cache or CDS archive); of log4j, ODL, snmp4j, netty, jnr:" \
  "$(grep -cE ' (org\.apache\.logging|org\.opendaylight|org\.snmp4j|io\.netty|jnr)\.' "$t/classes" || true)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
