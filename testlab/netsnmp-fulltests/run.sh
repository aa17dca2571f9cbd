#!/bin/sh
# Runs Net-SNMP 5.9.3's agent-facing fulltests (testing/fulltests/default) against Debian's snmpd
# and against ipmpd's SNMP agent, both provisioned alike from each test's configuration
# (provision.py), and prints a table: per file, snmpd's and ipmpd's result.
# Usage (root): testlab/netsnmp-fulltests/run.sh OUT_DIR [FILE_PATTERN]
#   OUT_DIR gets results.tsv (file, snmpd, ipmpd, adaptations and left-out provisioning) and logs.
#   IPMPD_CMD: the command that runs ipmpd's daemon (default: bin/ipmpd of this checkout).
#   IPMPD_FT_CACHE: where the Net-SNMP source is kept (default ~/.cache/ipmpd/netsnmp-fulltests).
# Everything runs in a network namespace of its own with only loopback (deleted at the end); files
# provisioned alike share one running agent (retarget.sh); every agent is ended by its pid. Exit status: the number of files snmpd passes and ipmpd not.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:?usage: run.sh OUT_DIR [FILE_PATTERN]}
pattern=${2:-T}
mkdir -p "$out"
out=$(cd "$out" && pwd)
IPMPD_CMD=${IPMPD_CMD:-$repo/bin/ipmpd}
per_run_limit=${IPMPD_FT_RUN_SECONDS:-240}

# The agent-facing files, in the suite's order (README: why each other file is left out). The
# comparable ones are those snmpd passes under the provisioning both agents share; the others fail
# with both agents for reasons of that provisioning (README's table: SNMPv1, write communities,
# custom views, run-time reconfiguration) and each costs its full timeouts, so they run only with
# IPMPD_FT_FILES=all.
comparable="T014snmpv2cget_simple T015snmpv2cgetnext_simple T0160snmpv2cbulkget_simple
T016snmpv2cgetfail_simple T017snmpv2ctov1getfail_simple T018snmpv1tov2cgetfail_simple
T019snmpv2cnosuch_simple T020snmpv3get_simple T021snmpv3getnext_simple T0220snmpv3bulkget_simple
T0221snmpbulkget_large_simple T0222snmpv3bulkget_simple T022snmpv3getMD5_simple
T023snmpv3getMD5AES_simple T023snmpv3getMD5DES_simple T024snmpv3getSHA1_simple
T024snmpv3getSHA512_simple T025snmpv3getSHADES_simple T026snmpv3getSHAAES_simple
T027snmpv3Defaults_simple T028snmpv3getfail_simple T131snmpv2cvacmget_simple T160snmpnetstat_simple
T200snmpv2cwalkall_simple"
incomparable="T001snmpv1get_simple T0141snmpv2cset_simple T030snmpv3usercreation_simple
T058agentauthtrap_simple T100agenthup_simple T130snmpv1vacmget_simple T132snmpv3vacmget_simple
T140snmpv1vacmgetfail_simple T141snmpv2cvacmgetfail_simple T142snmpv3vacmgetfail_simple
T152hostuptime_simple T161snmpTargetAddr_simple"
case "${IPMPD_FT_FILES:-comparable}" in
  all) selected="$comparable $incomparable" ;;
  *) selected="$comparable" ;;
esac

cache=$("$here/fetch.sh" "${IPMPD_FT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ipmpd/netsnmp-fulltests}")
src="$cache/net-snmp-5.9.3"
work=$(mktemp -d /tmp/ipmpd-ft.XXXXXX)
ns="ipmpd-ft-$$"   # one namespace per agent: $ns-snmpd, $ns-ipmpd
cleanup() {
  stop_pool
  for f in "$work"/run/*/*pid*; do   # a receiver left by a run that timed out
    [ -f "$f" ] || continue
    pid=$(cat "$f" 2>/dev/null) || continue
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  done
  ip netns del "$ns-snmpd" 2>/dev/null || true
  ip netns del "$ns-ipmpd" 2>/dev/null || true
  rm -rf "$work"
}
# The agents the files started (retarget.sh keeps them running between files): SIGTERM, then up
# to 20 s, then SIGKILL, each by its pid.
stop_pool() {
  for f in "$work"/pool/*/pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill -TERM "$pid" 2>/dev/null || continue
    n=0
    while kill -0 "$pid" 2>/dev/null && [ $n -lt 200 ]; do sleep 0.1; n=$((n + 1)); done
    kill -KILL "$pid" 2>/dev/null || true
    cp "$(dirname "$f")/agent.log" "$out/agent-$(basename "$(dirname "$f")").log" 2>/dev/null || true
    rm -f "$f"
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A build directory as the suite expects one: Debian's feature headers (for SKIPIF/SKIPIFNOT),
# net-snmp-config, and the installed tools where the suite looks for built ones.
mkdir -p "$work/build/apps/snmpnetstat" "$work/run" "$work/pool"
ln -s "$cache/libsnmp-dev/usr/include" "$work/build/include"
ln -s "$cache/libsnmp-dev/usr/bin/net-snmp-config" "$work/build/net-snmp-config"
ln -s /usr/bin/snmpwalk "$work/build/apps/snmpwalk"
ln -s /usr/bin/snmpnetstat "$work/build/apps/snmpnetstat/snmpnetstat"

# MIBs: the IETF modules this project ships (Debian's source release has none, so Net-SNMP's
# default module list would print load errors into every output the tests grep).
# The suite's files, with the provisioning adaptations of the README (A4) on the Sv* files.
cp -r "$src/testing/fulltests/default" "$work/default"
ln -s "$src/testing/fulltests/support" "$work/support"
adapt_first='DEFAUTHTYPE=`ipmpd_ft_auth "$DEFAUTHTYPE"`; DEFPRIVTYPE=AES  # ipmpd adaptation A4'
for f in Sv3config Sv3usmconfigbase; do
  { echo "$adapt_first"; cat "$work/default/$f"; } > "$work/default/$f.new"
  mv "$work/default/$f.new" "$work/default/$f"
done
cat >> "$work/default/Sv3config" <<'EOF'
# ipmpd adaptation A4: the client arguments use authPriv (ipmpd has no noAuth or authNoPriv access)
NOAUTHTESTARGS="-l ap -u initial -v 3 -a $DEFAUTHTYPE -A initial_test_pass_auth -x $DEFPRIVTYPE -X initial_test_pass_auth"
AUTHTESTARGS="$NOAUTHTESTARGS"
PRIVTESTARGS="$NOAUTHTESTARGS"
AUTHNOPASSTESTARGS="-l ap -u initial -v 3 -a $DEFAUTHTYPE -x $DEFPRIVTYPE"
PRIVNOPASSTESTARGS="$AUTHNOPASSTESTARGS"
EOF

# One file against one agent; prints pass, fail or skip.
run_one() {
  t=$1 target=$2
  tmp="$work/run/$t-$target"
  rc=0
  ip netns exec "$ns-$target" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$HOME" LANG=C \
    builddir="$work/build" IPMPD_FT_TARGET="$target" IPMPD_FT_HOME="$here" IPMPD_CMD="$IPMPD_CMD" \
    IPMPD_FT_POOL="$work/pool" MIBDIRS="$repo/mib/src/main/mib/ietf" MIBS="SNMPv2-MIB:IF-MIB" \
    SNMP_TMPDIR="$tmp" SNMP_SAVE_TMPDIR=yes \
    timeout -k 5 "$per_run_limit" /bin/sh "$src/testing/fulltests/support/simple_run" "$work/default/ipmpd-$t" \
    > "$out/$t.$target.log" 2>&1 || rc=$?
  for f in "$tmp"/*pid*; do   # an agent left by a run that timed out
    [ -f "$f" ] || continue
    pid=$(cat "$f" 2>/dev/null) || continue
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  done
  if grep -q '# SKIP' "$out/$t.$target.log"; then
    result=skip
  elif [ "$rc" -eq 0 ] && [ -f "$tmp/agent-ready" ]; then
    result=pass
  else
    result=fail   # a pass without its agent running proves nothing
  fi
  if [ "$result" = fail ] && [ -d "$tmp" ]; then cp -r "$tmp" "$out/$t.$target.d" || true; fi
  echo "$result"
}

# Every selected file against one agent, in order, in that agent's own namespace: the two agents
# run side by side (each keeps its own pool of running agents), which halves the wall time.
run_target() {
  target=$1
  for t in $selected; do
    case "$t" in *"$pattern"*) ;; *) continue ;; esac
    run_one "$t" "$target" > "$work/result/$t.$target"
  done
}

mkdir -p "$work/result"
for t in $selected; do
  printf '. "$IPMPD_FT_HOME/retarget.sh"\n. ./%s\n' "$t" > "$work/default/ipmpd-$t"
done
for target in snmpd ipmpd; do
  ip netns add "$ns-$target"
  ip netns exec "$ns-$target" ip link set lo up
done
run_target snmpd & snmpd_loop=$!
run_target ipmpd & ipmpd_loop=$!
wait "$snmpd_loop" || true
wait "$ipmpd_loop" || true

printf 'file\tsnmpd\tipmpd\tprovisioning\n' > "$out/results.tsv"
regressions=0
for t in $selected; do
  case "$t" in *"$pattern"*) ;; *) continue ;; esac
  r_snmpd=$(cat "$work/result/$t.snmpd" 2>/dev/null || echo fail)
  r_ipmpd=$(cat "$work/result/$t.ipmpd" 2>/dev/null || echo fail)
  notes=""
  tmp="$work/run/$t-ipmpd"
  [ -f "$tmp/provision-notes" ] && notes=$(paste -sd ';' "$tmp/provision-notes")
  [ "$r_snmpd" = pass ] && [ "$r_ipmpd" != pass ] && regressions=$((regressions + 1))
  printf '%s\t%s\t%s\t%s\n' "$t" "$r_snmpd" "$r_ipmpd" "$notes" >> "$out/results.tsv"
  printf '%-36s snmpd %-5s ipmpd %-5s\n' "$t" "$r_snmpd" "$r_ipmpd"
done
stop_pool
echo "files snmpd passes and ipmpd does not: $regressions"
exit "$regressions"
