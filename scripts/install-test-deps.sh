#!/usr/bin/env bash
# Installs the Debian packages the tests and the lab demo need, if any is missing.
# The tests drive real tools: iproute2/nftables for the namespace lab, net-snmp's clients and
# snmptrapd, smilint (smitools), yanglint (libyang-tools), ncclient for NETCONF (Debian's
# python3-ncclient, used through /usr/bin/python3), and a JDK >= 21 if none is installed.
set -euo pipefail
packages=(iproute2 iputils-ping nftables procps util-linux snmp snmpd snmptrapd smitools libyang-tools python3-ncclient maven)
# the Net-SNMP fulltests (testlab/netsnmp-fulltests) fetch Debian's net-snmp source with apt
packages+=(debian-archive-keyring xz-utils)
# headless Chromium opens the timeline page in the history lab test (HistoryLabTest)
packages+=(chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
have_jdk=no
for c in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
  [ -x "$c/bin/javac" ] && have_jdk=yes
done
[ "$have_jdk" = yes ] || missing+=(openjdk-21-jdk-headless)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ipmpd: these packages are needed and missing: ${missing[*]}" >&2
  echo "ipmpd: install them as root (apt-get install ${missing[*]}) and run again" >&2
  exit 1
fi
echo "ipmpd: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
