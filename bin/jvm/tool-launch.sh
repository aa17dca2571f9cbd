# Sourced by bin/ipmpstat and bin/if_mpadm as their last step: finds the JDK, the tools' class path
# and AOT cache, and execs java. Bash builtins only, no fork and no command before java: a bare
# `bash -c true` costs about 10 ms of CPU here and bin/launch-env.sh's subshells, find and sourcing
# another 30-40 ms, a quarter of an ipmpstat call (scripts/bench-tools.sh prints both).
# Expects $bin (the launcher's directory), $tool (its name) and $main (its class).
# Finds the JDK with bin/jvm/find-jdk.sh (as scripts/java-env.sh does), the class path as
# bin/launch-env.sh does (a checkout's jars when current, or the package's lib/).

# The newest of the tools' jars unless a class was compiled after it (an AOT cache takes jars only):
# the same rule as bin/launch-env.sh's `find -newer`, walked with a glob instead of a command.
ipmpd_tool_classes() {
  local classes="$1/tools/target/classes" jar f
  tool_classes="$classes"
  for jar in "$1"/tools/target/ipmpd-tools-*.jar; do
    case "$jar" in *-tests.jar) continue ;; esac
    [ -f "$jar" ] || continue
    shopt -s globstar nullglob
    for f in "$classes"/**/*.class; do
      if [ "$f" -nt "$jar" ]; then
        shopt -u globstar nullglob
        return 0
      fi
    done
    shopt -u globstar nullglob
    tool_classes="$jar"
  done
}

# shellcheck source=find-jdk.sh
source "$bin/jvm/find-jdk.sh"
ipmpd_jdk_search || exit 1
java="$ipmpd_java_home/bin/java"
root="$bin/.."
if [ -d "$root/agent/target/lib" ]; then
  engine=("$root"/agent/target/lib/ipmpd-engine-*.jar)
  if [ ! -f "${engine[0]}" ] || [ ! -f "$root/tools/target/classes/net/ipmpd/agent/cli/Ipmpstat.class" ]; then
    echo "$tool: ipmpd is not built; run: mvn -q -DskipTests package" >&2
    exit 1
  fi
  ipmpd_tool_classes "$root"
  cp="$tool_classes:${engine[0]}"
  aot="$root/agent/target/ipmpd-tools.aot"
elif [ -d "$root/lib" ]; then
  tools=("$root"/lib/ipmpd-tools-*.jar)
  engine=("$root"/lib/ipmpd-engine-*.jar)
  cp="${tools[0]}:${engine[0]}"
  aot=/var/cache/ipmpd/ipmpd-tools.aot
else
  echo "$tool: cannot find ipmpd's jars under $root" >&2
  exit 1
fi
# JDK 25's AOT cache (bin/aot-train.sh makes it); IPMPD_TOOL_AOT_OUTPUT makes this run the training run
aot_flags=()
if [ "$ipmpd_feature" -ge 25 ]; then
  if [ -n "${IPMPD_TOOL_AOT_OUTPUT:-}" ]; then
    aot_flags=("-XX:AOTCacheOutput=$IPMPD_TOOL_AOT_OUTPUT" "-Xlog:aot*=error" "-Xlog:cds*=error")
  elif [ -f "${IPMPD_TOOL_AOT_CACHE:-$aot}" ]; then
    # a cache made by another JDK or for other jars is ignored; say nothing about it at every start
    aot_flags=("-XX:AOTCache=${IPMPD_TOOL_AOT_CACHE:-$aot}" "-Xlog:aot*=off" "-Xlog:cds*=off")
  fi
fi
exec "$java" "@$bin/jvm/tool.options" "${aot_flags[@]}" -cp "$cp" "$main" "$@"
