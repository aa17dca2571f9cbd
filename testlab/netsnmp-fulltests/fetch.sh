#!/bin/sh
# Fetches Net-SNMP 5.9.3's source release (Debian bookworm's orig tarball, checked by apt against
# the signed archive) and Debian's libsnmp-dev (only to read the build's feature headers, which the
# suite's SKIPIF/SKIPIFNOT consult), into CACHE (default ~/.cache/ipmpd/netsnmp-fulltests).
# Uses a private apt source list and state directory: the system's apt configuration is not touched.
# Prints the cache directory. Nothing from here is committed to the repository.
set -eu
cache="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/ipmpd/netsnmp-fulltests}"
src="$cache/net-snmp-5.9.3"
dev="$cache/libsnmp-dev"
if [ -f "$src/testing/fulltests/support/simple_run" ] && [ -f "$dev/usr/include/net-snmp/net-snmp-config.h" ]; then
  echo "$cache"
  exit 0
fi
mkdir -p "$cache/apt/sources" "$cache/apt/lists/partial" "$cache/apt/archives/partial" "$cache/dl"
cat >"$cache/apt/sources/bookworm.sources" <<SRC
Types: deb deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Architectures: $(dpkg --print-architecture)
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt_private() {
  apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$cache/apt/sources" \
    -o Dir::State::Lists="$cache/apt/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
    -o Dir::Cache::Archives="$cache/apt/archives" -o APT::Sandbox::User=root "$@"
}
apt_private update >&2
cd "$cache/dl"
apt_private source --download-only net-snmp=5.9.3+dfsg-2+deb12u1 >&2 || apt_private source --download-only net-snmp >&2
apt_private download libsnmp-dev >&2
rm -rf "$src.tmp" "$dev.tmp"
mkdir -p "$src.tmp" "$dev.tmp"
tar -xJf net-snmp_5.9.3+dfsg.orig.tar.xz -C "$src.tmp" --strip-components=1
dpkg-deb -x libsnmp-dev_*.deb "$dev.tmp"
rm -rf "$src" "$dev"
mv "$src.tmp" "$src"
mv "$dev.tmp" "$dev"
echo "$cache"
