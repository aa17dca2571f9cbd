# Finds a JDK (or JRE) 21 or newer: ODL netconf 10 / yangtools 14 need Java 21, the project builds
# with release 21. Sourced by scripts/java-env.sh (the project's scripts and bin/launch-env.sh) and by
# bin/jvm/tool-launch.sh (ipmpstat, if_mpadm): bash builtins only when the JDK has a release file,
# since every ipmpstat call pays for this and a fork costs milliseconds on a busy host.

# The feature release of the Java in $1 (25 for JAVA_VERSION="25.0.1"), in $ipmpd_feature; empty if unknown.
ipmpd_jdk_feature() {
  ipmpd_feature=""
  local line
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=\"[0-9]*) ipmpd_feature="${line#JAVA_VERSION=\"}"; ipmpd_feature="${ipmpd_feature%%[!0-9]*}"; return 0 ;;
      esac
    done < "$1/release"
  fi
  # no release file: only then ask the JVM itself
  ipmpd_feature=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  ipmpd_feature="${ipmpd_feature%%.*}"
}

# The first Java 21 or newer, in the preferred order, in $ipmpd_java_home and $ipmpd_feature; 1 and a
# message on stderr when there is none.
ipmpd_jdk_search() {
  local c
  for c in "${IPMPD_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 "${JAVA_HOME:-}" /usr/lib/jvm/temurin-21-jdk-amd64 \
      /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    ipmpd_jdk_feature "$c"
    if [ -n "$ipmpd_feature" ] && [ "$ipmpd_feature" -ge 21 ] 2>/dev/null; then
      ipmpd_java_home="$c"
      return 0
    fi
  done
  echo "ipmpd: no JDK 21 or newer found (looked in /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk-headless, or set IPMPD_JAVA_HOME" >&2
  return 1
}
