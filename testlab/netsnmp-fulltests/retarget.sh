# Sourced (POSIX sh) after Net-SNMP's simple_eval_tools.sh and before a fulltest: the framework's
# STARTAGENT/STOPAGENT start and stop the agent under test (IPMPD_FT_TARGET: snmpd or ipmpd) on
# the test's port, provisioned by provision.py from the lines the test wrote with CONFIGAGENT, so
# both agents get the same users, communities and notification targets. CONFIGAGENT is the
# framework's own (it records the test's snmpd.conf lines). IPMPD_FT_HOME: this directory;
# IPMPD_CMD: the command that runs ipmpd's daemon.

: "${IPMPD_FT_POOL:?run by run.sh}" "${IPMPD_FT_TARGET:?run by run.sh}" "${IPMPD_FT_HOME:?run by run.sh}"

# Adaptation A4 (README): the authentication protocol ipmpd accepts for one the suite names.
ipmpd_ft_auth() {
  case "$1" in
    SHA-384|SHA384) echo SHA-384 ;;
    SHA-512|SHA512) echo SHA-512 ;;
    *) echo SHA-256 ;;
  esac
}

# Adaptation A5 (README): the client defaults of T027 name SHA(-1).
CONFIGAPP() {
  if [ "$1" = defAuthType ]; then
    set -- defAuthType "`ipmpd_ft_auth "$2"`"
  fi
  echo $* >> "$SNMPAPP_CONFIG_FILE"
}

# Alive and not a zombie (the agent is this shell's child until STOPAGENT reaps it).
ipmpd_ft_alive() {
  [ -r "/proc/$1/stat" ] && ! sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^Z'
}

# Waits up to $2 tenths of a second for pattern $1 in the agent's log while the agent ($3) lives.
ipmpd_ft_await_log() {
  n=0
  while [ $n -lt "$2" ]; do
    grep -q "$1" "$SNMP_SNMPD_LOG_FILE" 2>/dev/null && return 0
    ipmpd_ft_alive "$3" || return 1
    sleep 0.1
    n=`expr $n + 1`
  done
  return 1
}

# Starts the agent under test for this provisioning, or finds it running: the agent is kept in
# IPMPD_FT_POOL by provisioning (the runner ends it by pid at the end), so consecutive files
# provisioned alike talk to one running agent, and the test's port becomes that agent's. Marks the run in
# $SNMP_TMPDIR/agent-ready once the agent answers for it.
STARTAGENT() {
  SNMPDSTARTED=1
  /usr/bin/python3 "$IPMPD_FT_HOME/provision.py" "$SNMP_CONFIG_FILE" 1 /state /persist "$SNMP_TMPDIR/key.json" \
    "$SNMP_TMPDIR/key.conf" "$SNMP_TMPDIR/provision-notes" || { COMMENT "provisioning failed"; return 1; }
  key=`cat "$SNMP_TMPDIR/key.json" "$SNMP_TMPDIR/key.conf" | md5sum | cut -c1-12`
  agent="$IPMPD_FT_POOL/$IPMPD_FT_TARGET-$key"
  if [ -f "$agent/pid" ] && ipmpd_ft_alive "`cat "$agent/pid"`"; then
    SNMP_SNMPD_PORT=`cat "$agent/port"`
    echo "reusing $agent (port $SNMP_SNMPD_PORT)" >> "$SNMP_TMPDIR/invoked"
    SNMP_SNMPD_LOG_FILE="$agent/agent.log"
    touch "$SNMP_TMPDIR/agent-ready"
    return 0
  fi
  # ipmpd runs once per network namespace: the agent provisioned otherwise goes first.
  for other in "$IPMPD_FT_POOL/$IPMPD_FT_TARGET"-*; do
    [ -f "$other/pid" ] || continue
    ipmpd_ft_pid=`cat "$other/pid"`
    kill -TERM "$ipmpd_ft_pid" 2>/dev/null
    n=0
    while ipmpd_ft_alive "$ipmpd_ft_pid" && [ $n -lt 200 ]; do
      sleep 0.1
      n=`expr $n + 1`
    done
    ipmpd_ft_alive "$ipmpd_ft_pid" && kill -KILL "$ipmpd_ft_pid" 2>/dev/null
    rm -f "$other/pid"
  done
  mkdir -p "$agent/persist"
  echo "$SNMP_SNMPD_PORT" > "$agent/port"
  SNMP_SNMPD_LOG_FILE="$agent/agent.log"
  /usr/bin/python3 "$IPMPD_FT_HOME/provision.py" "$SNMP_CONFIG_FILE" "$SNMP_SNMPD_PORT" "$agent/state" \
    "$agent/persist" "$agent/snmp.json" "$agent/snmpd.conf" "$agent/notes"
  case "$IPMPD_FT_TARGET" in
    snmpd)
      echo "snmpd $SNMP_FLAGS -r -U -Lf $SNMP_SNMPD_LOG_FILE $AGENT_FLAGS -C -c $agent/snmpd.conf" \
        "-f udp:127.0.0.1:$SNMP_SNMPD_PORT" >> "$SNMP_TMPDIR/invoked"
      snmpd $SNMP_FLAGS -r -U -Lf "$SNMP_SNMPD_LOG_FILE" $AGENT_FLAGS -C -c "$agent/snmpd.conf" \
        -f "udp:127.0.0.1:$SNMP_SNMPD_PORT" > "$agent/agent.stdout" 2>&1 &
      echo $! > "$agent/pid"
      ready="NET-SNMP.version"
      ;;
    ipmpd)
      # One IPMP group of two members that do not exist in the namespace (ipmpd probes nothing and
      # touches no interface, as in mib/bench): an ipmpd without groups has about 40 objects in
      # its read view, fewer than T0221's GETBULK of 5 + 50 x 1 asks for.
      echo '{"ipmp:ipmp": {"group": [{"name": "ft", "member": [{"interface": "ft0"}, {"interface": "ft1"}]}]}}' \
        > "$agent/ipmpd.json"
      echo "$IPMPD_CMD -c $agent/ipmpd.json --snmp-config $agent/snmp.json" >> "$SNMP_TMPDIR/invoked"
      $IPMPD_CMD -c "$agent/ipmpd.json" -m /dev/null -s "$agent/ipmpd.sock" -l info \
        --snmp-config "$agent/snmp.json" > "$SNMP_SNMPD_LOG_FILE" 2>&1 &
      echo $! > "$agent/pid"
      ready="ipmpd running"
      ;;
    *)
      echo "IPMPD_FT_TARGET must be snmpd or ipmpd" >&2
      exit 1
      ;;
  esac
  if ipmpd_ft_await_log "$ready" 1200 "`cat "$agent/pid"`"; then
    touch "$SNMP_TMPDIR/agent-ready"
  else
    COMMENT "$IPMPD_FT_TARGET did not start:"
    cat "$SNMP_SNMPD_LOG_FILE"
  fi
}

# The agent keeps running for the next file provisioned alike (the runner ends it). One that died
# during the file takes the run's mark away: a timeout from a dead agent proves nothing.
STOPAGENT() {
  SAVE_RESULTS
  if [ -f "$SNMP_TMPDIR/agent-ready" ] && ! ipmpd_ft_alive "`cat "$agent/pid" 2>/dev/null`"; then
    rm -f "$SNMP_TMPDIR/agent-ready"
    COMMENT "$IPMPD_FT_TARGET exited during the test"
  fi
}

# Agents are shared between files provisioned alike: nothing reconfigures one under another file
# (T030's and T100's reconfigurations are not carried out; README).
HUPAGENT() {
  COMMENT "HUPAGENT: not carried out (agents are shared)"
}
