# Sourced by the project's scripts and the bin/ launchers: finds a JDK (or JRE) >= 21 so a new user
# needs no manual JAVA_HOME (bin/jvm/find-jdk.sh, shared with ipmpstat's launcher).
# Sets JAVA_HOME, PATH and IPMPD_JAVA_FEATURE (the feature release, e.g. 25).
case "${BASH_SOURCE[0]}" in
  */*) source "${BASH_SOURCE[0]%/*}/../bin/jvm/find-jdk.sh" ;;
  *) source ../bin/jvm/find-jdk.sh ;;
esac
ipmpd_find_jdk() {
  ipmpd_jdk_search || return 1
  export JAVA_HOME="$ipmpd_java_home"
  export PATH="$ipmpd_java_home/bin:$PATH"
  export IPMPD_JAVA_FEATURE="$ipmpd_feature"
}
ipmpd_find_jdk
