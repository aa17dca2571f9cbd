# Sourced by the project's scripts and the bin/ launchers: finds a JDK (or JRE) >= 21 so a new user
# needs no manual JAVA_HOME. ODL netconf 10 / yangtools 14 need Java 21; the project builds with release 21.
# Sets JAVA_HOME, PATH and IPMPD_JAVA_FEATURE (the feature release, e.g. 25).
ipmpd_java_feature() {
  # the JDK's release file answers without starting a JVM, read with bash builtins: every ipmpstat
  # call pays for this, and a fork costs milliseconds on a busy host
  local v="" line
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=\"[0-9]*) v="${line#JAVA_VERSION=\"}"; v="${v%%[!0-9]*}"; break ;; esac
    done < "$1/release"
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  echo "${v%%.*}"
}
ipmpd_find_jdk() {
  local candidates=("${IPMPD_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 "${JAVA_HOME:-}" /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*)
  local c v
  for c in "${candidates[@]}"; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    v=$(ipmpd_java_feature "$c")
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c"; export PATH="$c/bin:$PATH"; export IPMPD_JAVA_FEATURE="$v"; return 0
    fi
  done
  echo "ipmpd: no JDK 21 or newer found (looked in /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk-headless, or set IPMPD_JAVA_HOME" >&2
  return 1
}
ipmpd_find_jdk
