#!/usr/bin/env bash
# Installs the ipmpd .deb into a clean root and runs it there: a private mount namespace holds an
# overlay of / (the host's files, read-only below, a tmpfs on top), so dpkg -i writes only to the
# tmpfs and the host is untouched; the daemon runs in a new, empty network namespace.
# usage: packaging/test-install.sh [DEB]   (builds the .deb when none is given). Needs root.
# Prints "ok: ..." per check and exits non-zero at the first failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deb="${1:-}"
if [ -z "$deb" ]; then
  deb="$("$here/build-deb.sh" "$(mktemp -d)")"
fi
[ "$(id -u)" = 0 ] || { echo "test-install: needs root (mount namespace, chroot)" >&2; exit 1; }
work="$(mktemp -d /tmp/ipmpd-install-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp "$deb" "$work/ipmpd.deb"

unshare --mount --propagation private -- bash -euo pipefail -s "$work" <<'INNER'
work="$1"
deb="$work/ipmpd.deb"
t="$work/t"; mkdir -p "$t"
mount -t tmpfs -o size=512m tmpfs "$t"
cp "$deb" "$t/ipmpd.deb"
mkdir -p "$t/upper" "$t/work" "$t/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$t/upper,workdir=$t/work" "$t/root"
r="$t/root"
mount -t proc proc "$r/proc"
mount --rbind /dev "$r/dev"
mount -t tmpfs tmpfs "$r/run"
mount -t tmpfs tmpfs "$r/tmp"
cp "$t/ipmpd.deb" "$r/tmp/ipmpd.deb"
# a clean root as far as ipmpd goes: nothing of it before the install
chroot "$r" sh -c '! dpkg -s ipmpd >/dev/null 2>&1 && [ ! -e /usr/sbin/ipmpd ]' || { echo "FAIL: the root already has ipmpd"; exit 1; }

# the package depends on a Java runtime 21+ (Depends: openjdk-21-jre-headless | java21-runtime-headless):
# without one dpkg refuses to configure it
if chroot "$r" dpkg -i /tmp/ipmpd.deb > "$t/nojava.out" 2>&1; then
  echo "FAIL: dpkg -i succeeded without a Java 21 runtime package"; exit 1
fi
grep -q "java21-runtime-headless" "$t/nojava.out" || { echo "FAIL: dpkg -i failed for another reason:"; cat "$t/nojava.out"; exit 1; }
chroot "$r" dpkg -r ipmpd >/dev/null
echo "ok: dpkg -i refuses ipmpd without a Java 21 runtime package"
# this host's JDK is unpacked outside dpkg (/usr/lib/jvm): a local package that provides the virtual
# package stands for it, as an operator with such a JDK would make one (equivs)
jre="$t/jre"; mkdir -p "$jre/DEBIAN"
printf 'Package: ipmpd-test-java-runtime\nVersion: 1\nArchitecture: all\nMaintainer: ipmpd tests <ipmpd@example.org>\nProvides: java21-runtime-headless\nDescription: the JDK in /usr/lib/jvm, installed outside dpkg\n' \
  > "$jre/DEBIAN/control"
dpkg-deb --root-owner-group --build "$jre" "$r/tmp/jre.deb" >/dev/null
chroot "$r" dpkg -i /tmp/jre.deb >/dev/null
chroot "$r" dpkg -i /tmp/ipmpd.deb >/dev/null
echo "ok: dpkg -i with a package that provides java21-runtime-headless"
if [ -f "$r/var/cache/ipmpd/ipmpd.aot" ] && [ -f "$r/var/cache/ipmpd/ipmpd-tools.aot" ]; then
  echo "ok: AOT caches made at install ($(du -sh "$r/var/cache/ipmpd" | cut -f1))"
else
  echo "note: no AOT cache (JDK < 25, or the training run failed)"
fi
chroot "$r" dpkg -s ipmpd | grep -q '^Status: install ok installed' && echo "ok: dpkg -s: installed"
v="$(chroot "$r" ipmpd --version)"
[ "${v#ipmpd }" != "$v" ] && echo "ok: ipmpd --version: $v"
for c in /usr/sbin/ipmpd /usr/sbin/if_mpadm /usr/sbin/ipmpd-passwd /usr/bin/ipmpstat; do
  chroot "$r" sh -c "command -v ${c##*/}" >/dev/null || { echo "FAIL: ${c##*/} not on PATH"; exit 1; }
done
echo "ok: ipmpd, ipmpstat, if_mpadm, ipmpd-passwd on PATH"
for m in man8/ipmpd.8.gz man8/ipmpstat.8.gz man8/if_mpadm.8.gz man5/ipmpd.json.5.gz; do
  [ -s "$r/usr/share/man/$m" ] || { echo "FAIL: no man page $m"; exit 1; }
done
echo "ok: man pages"
chroot "$r" ipmpd --check-config -c /etc/ipmpd/ipmpd.json -m /dev/null
ex=/usr/share/doc/ipmpd/examples
chroot "$r" ipmpd --check-config -c $ex/ipmpd.json -m /dev/null --snmp-config $ex/snmp.json --netconf-config $ex/netconf.json
echo "ok: --check-config accepts the shipped configuration and examples"
: > "$r/tmp/empty.json"
if chroot "$r" ipmpd --check-config -c /tmp/empty.json -m /dev/null; then echo "FAIL: an empty file passed"; exit 1; fi
echo "ok: --check-config refuses an empty file (exit 1)"
h="$(echo secret | chroot "$r" ipmpd-passwd)"
case "$h" in '$pbkdf2-sha512$'*) echo "ok: ipmpd-passwd";; *) echo "FAIL: ipmpd-passwd printed $h"; exit 1;; esac

# start the installed daemon as the unit would (shipped config), in an empty network namespace,
# with a NOTIFY_SOCKET to see READY=1, then stop it
mkdir -p "$r/run/ipmpd"
python3 - "$r/run/notify" > "$t/notify.out" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1]); s.settimeout(60)
while True:
    m = s.recv(4096).decode(); print(m.replace("\n", " | "), flush=True)
    if "READY=1" in m: break
PY
py=$!
for _ in $(seq 100); do [ -S "$r/run/notify" ] && break; sleep 0.1; done
NOTIFY_SOCKET=/run/notify unshare --net chroot "$r" /usr/sbin/ipmpd -c /etc/ipmpd/ipmpd.json -s /run/ipmpd/ipmpd.sock \
  > "$t/daemon.log" 2>&1 &
d=$!
if ! wait $py; then echo "FAIL: no READY=1"; cat "$t/daemon.log"; kill $d; exit 1; fi
echo "ok: the installed daemon started and told systemd: $(cat "$t/notify.out")"
# the installed tools as an operator runs them (launcher, tool.options, the tools' AOT cache): an
# option a JDK does not take, or a class it no longer has, fails here, not on a host
# (the shipped configuration has no groups: an empty JSON array)
if ! g="$(chroot "$r" ipmpstat --socket /run/ipmpd/ipmpd.sock -j -g 2>"$t/ipmpstat.err")" || [ -s "$t/ipmpstat.err" ] \
    || [ "$g" != "[]" ]; then
  echo "FAIL: ipmpstat -j -g against the installed daemon printed:"; echo "$g"; cat "$t/ipmpstat.err"; kill $d; exit 1
fi
echo "ok: ipmpstat -j -g answered: $g"
kill -TERM $d; st=0; wait $d || st=$?
[ "$st" = 0 ] || { echo "FAIL: exit $st after SIGTERM"; cat "$t/daemon.log"; exit 1; }
if grep -q "sun.misc.Unsafe" "$t/daemon.log"; then echo "FAIL: JDK Unsafe warnings at start"; exit 1; fi
echo "ok: SIGTERM: exit 0, no JDK warnings"

if command -v systemd-analyze >/dev/null; then
  chroot "$r" systemd-analyze verify /lib/systemd/system/ipmpd.service 2>&1 | grep -v "^$" || true
  score="$(chroot "$r" systemd-analyze security --offline=true /lib/systemd/system/ipmpd.service 2>/dev/null | tail -1 || true)"
  echo "ok: systemd-analyze security: ${score:-not available}"
fi
chroot "$r" dpkg -r ipmpd >/dev/null && [ ! -e "$r/usr/sbin/ipmpd" ] && [ ! -e "$r/var/cache/ipmpd" ] && echo "ok: dpkg -r"
INNER
echo "ok: host untouched: $(dpkg -s ipmpd >/dev/null 2>&1 && echo 'ipmpd installed on the host!' || echo 'no ipmpd package on the host')"
