#!/usr/bin/env bash
# Builds the ipmpd Debian package from a built checkout (mvn -DskipTests package) with dpkg-deb.
# usage: packaging/build-deb.sh [OUTPUT_DIR]   (default packaging/target); prints the .deb's path.
# Layout: /usr/share/ipmpd/{bin,lib,scripts,mib,yang} mirrors the checkout, so the bin/ launchers
# work unchanged; /usr/sbin and /usr/bin hold symlinks to them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$here/target}"
agent=("$root"/agent/target/ipmpd-agent-*.jar)
if [ ! -f "${agent[0]}" ] || [ ! -d "$root/agent/target/lib" ]; then
  echo "build-deb: ipmpd is not built; run: mvn -q -DskipTests package" >&2
  exit 1
fi
version="$(sed -n 's/^version=//p' "$root/agent/target/classes/ipmpd-version.properties")"
debversion="${version/-SNAPSHOT/~snapshot}"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
chmod 0755 "$stage"
share="$stage/usr/share/ipmpd"
mkdir -p "$share"/{bin,lib,scripts,mib,yang} "$stage"/usr/{sbin,bin} "$stage/lib/systemd/system" \
  "$stage/usr/lib/sysctl.d" "$stage/etc/ipmpd" "$stage/etc/default" "$stage/usr/share/doc/ipmpd/examples" \
  "$stage/usr/share/man/man8" "$stage/usr/share/man/man5" "$stage/DEBIAN"

cp "${agent[0]}" "$root"/agent/target/lib/*.jar "$share/lib/"
cp "$root"/bin/{ipmpd,ipmpstat,if_mpadm,ipmpd-passwd,launch-env.sh,aot-train.sh} "$share/bin/"
cp -r "$root/bin/jvm" "$share/bin/"
cp "$root/scripts/java-env.sh" "$share/scripts/"
cp "$root"/mib/src/main/mib/*.txt "$share/mib/"
cp "$root"/yang/src/main/resources/yang/*.yang "$share/yang/"
for t in ipmpd if_mpadm ipmpd-passwd; do ln -s ../share/ipmpd/bin/$t "$stage/usr/sbin/$t"; done
ln -s ../share/ipmpd/bin/ipmpstat "$stage/usr/bin/ipmpstat"

cp "$root/agent/etc/ipmpd.service" "$stage/lib/systemd/system/ipmpd.service"
cp "$root/agent/etc/60-ipmpd.conf" "$stage/usr/lib/sysctl.d/60-ipmpd.conf"
cp "$root/agent/etc/default-ipmpd" "$stage/etc/default/ipmpd"
# a valid configuration without groups: the daemon starts and changes nothing until groups are added
printf '{"ipmp:ipmp": {}}\n' > "$stage/etc/ipmpd/ipmpd.json"
cp "$root/yang/examples/ipmpd.json" "$root/agent/etc/snmp.json" "$root/agent/etc/netconf.json" \
  "$stage/usr/share/doc/ipmpd/examples/"
for m in "$here"/man/*.8; do gzip -9n < "$m" > "$stage/usr/share/man/man8/$(basename "$m").gz"; done
for m in "$here"/man/*.5; do gzip -9n < "$m" > "$stage/usr/share/man/man5/$(basename "$m").gz"; done
cat > "$stage/usr/share/doc/ipmpd/copyright" <<'TXT'
ipmpd: IP multipathing for Linux. See the project's repository for the licence of ipmpd and of
the libraries in /usr/share/ipmpd/lib (each jar carries its own licence files).
TXT

cat > "$stage/DEBIAN/conffiles" <<'TXT'
/etc/ipmpd/ipmpd.json
/etc/default/ipmpd
TXT
cat > "$stage/DEBIAN/postinst" <<'TXT'
#!/bin/sh
set -e
# the unit is installed, not enabled: ipmpd needs groups in /etc/ipmpd/ipmpd.json first.
# The sysctl.d file applies at boot or with `sysctl --system`; installing changes no host setting.
if [ "$1" = configure ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null 2>&1 || true
fi
# JDK 25+: the AOT cache of this version's jars (a training run in an empty network namespace);
# without it ipmpd starts, only slower
if [ "$1" = configure ] && [ -z "${IPMPD_NO_AOT_TRAINING:-}" ]; then
  /usr/share/ipmpd/bin/aot-train.sh /var/cache/ipmpd/ipmpd.aot >/dev/null \
    || echo "ipmpd: no AOT cache made; ipmpd starts without it (slower). Retry: /usr/share/ipmpd/bin/aot-train.sh" >&2
fi
exit 0
TXT
cat > "$stage/DEBIAN/postrm" <<'TXT'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null 2>&1 || true
fi
# the cache belongs to the removed jars
rm -rf /var/cache/ipmpd
if [ "$1" = purge ]; then
  rm -rf /var/lib/ipmpd
fi
exit 0
TXT
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm"
size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
cat > "$stage/DEBIAN/control" <<TXT
Package: ipmpd
Version: $debversion
Architecture: amd64
Maintainer: ipmpd developers <ipmpd@example.org>
Installed-Size: $size
Depends: bash, coreutils, nftables, iproute2, openjdk-21-jre-headless | java21-runtime-headless
Section: net
Priority: optional
Homepage: https://example.org/ipmpd
Description: IP multipathing daemon (Solaris in.mpathd for Linux)
 ipmpd watches groups of interfaces on one IP link, detects failures by link
 state and ICMP probes, moves data addresses to working interfaces and back,
 and is managed over SNMP (IPMP-MIB), NETCONF (YANG module ipmp), ipmpstat
 and if_mpadm. It needs a Java runtime 21 or newer: Debian's openjdk-21 or newer
 (each provides java21-runtime-headless), or any package that provides
 java21-runtime-headless, as Adoptium's Temurin and Amazon's Corretto packages
 do. The runtime is found in /usr/lib/jvm, or set IPMPD_JAVA_HOME in
 /etc/default/ipmpd.
TXT
mkdir -p "$out"
deb="$out/ipmpd_${debversion}_amd64.deb"
dpkg-deb --root-owner-group -Zgzip -z1 --build "$stage" "$deb" >/dev/null
echo "$deb"
