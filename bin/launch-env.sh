# Sourced by the bin/ launchers: finds a JDK and the class path, in a built checkout
# (agent/target) or in the installed package (/usr/share/ipmpd/lib), and the JVM flags both need.
# Expects $root (the directory above bin/) and $tool (the command's name).
# shellcheck source=../scripts/java-env.sh
source "$root/scripts/java-env.sh" || exit 1
if [ -d "$root/agent/target/lib" ]; then
  lib="$root/agent/target/lib"
  ipmpd_aot_default="$root/agent/target/ipmpd.aot"
  engine=("$lib"/ipmpd-engine-*.jar)
  agent=("$root"/agent/target/ipmpd-agent-*.jar)
  classes="$root/agent/target/classes"
  # the jar when it is as new as the classes: an AOT cache takes jars only (not class directories);
  # the tools never use the daemon's class path, so they skip this walk of its classes (~50 ms)
  if [ "$tool" = ipmpstat ] || [ "$tool" = if_mpadm ]; then
    :
  elif [ -f "${agent[0]}" ] && [ -z "$(find "$classes" -newer "${agent[0]}" -name '*.class' -print -quit 2>/dev/null)" ]; then
    classes="${agent[0]}"
  fi
  tool_classes="$root/tools/target/classes"
  for jar in "$root"/tools/target/ipmpd-tools-*.jar; do
    case "$jar" in *-tests.jar) continue ;; esac
    if [ -f "$jar" ] && [ -z "$(find "$tool_classes" -newer "$jar" -name '*.class' -print -quit 2>/dev/null)" ]; then
      tool_classes="$jar"
    fi
  done
  # the tools' own module and the engine only: nothing of the daemon's libraries (log4j, ODL, ...)
  ipmpd_tool_cp="$tool_classes:${engine[0]}"
  ipmpd_cp="$classes:$tool_classes:$lib/*"
  if [ ! -f "$root/agent/target/classes/net/ipmpd/agent/IpmpDaemon.class" ] || [ ! -f "${engine[0]}" ] \
      || [ ! -f "$root/tools/target/classes/net/ipmpd/agent/cli/Ipmpstat.class" ]; then
    echo "$tool: ipmpd is not built; run: mvn -q -DskipTests package" >&2
    exit 1
  fi
elif [ -d "$root/lib" ]; then
  lib="$root/lib"
  ipmpd_aot_default=/var/cache/ipmpd/ipmpd.aot
  tools=("$lib"/ipmpd-tools-*.jar)
  engine=("$lib"/ipmpd-engine-*.jar)
  ipmpd_tool_cp="${tools[0]}:${engine[0]}"
  ipmpd_cp="$lib/*"
else
  echo "$tool: cannot find ipmpd's jars under $root" >&2
  exit 1
fi
# The JVM options of a kind of command (bin/jvm/daemon.options, tool.options), as java @argument
# files: one list shared with the lab's daemons. $1: daemon or tool. Sets ipmpd_jvm_flags.
ipmpd_options() {
  ipmpd_jvm_flags=("@$root/bin/jvm/$1.options")
  if [ "$1" = daemon ] && [ "${IPMPD_JAVA_FEATURE:-0}" -ge 24 ] 2>/dev/null; then
    ipmpd_jvm_flags+=("@$root/bin/jvm/jdk24.options")
  fi
}
# JDK 25's AOT cache (class loading and linking done ahead, by a training run: bin/aot-train.sh)
# roughly halves the daemon's start-up; the tools have their own. $1: the cache, $2: the training
# output (non-empty makes this run the training run). Sets ipmpd_aot_flags.
ipmpd_aot() {
  ipmpd_aot_flags=()
  [ "${IPMPD_JAVA_FEATURE:-0}" -ge 25 ] 2>/dev/null || return 0
  if [ -n "$2" ]; then
    ipmpd_aot_flags=("-XX:AOTCacheOutput=$2" "-Xlog:aot*=error" "-Xlog:cds*=error")
  elif [ -f "$1" ]; then
    # a cache made by another JDK or for other jars is ignored; say nothing about it at every start
    ipmpd_aot_flags=("-XX:AOTCache=$1" "-Xlog:aot*=off" "-Xlog:cds*=off")
  fi
}
