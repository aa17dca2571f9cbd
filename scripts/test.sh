#!/usr/bin/env bash
# The whole test suite: unit, scenario and property tests, the tool checks (yanglint, smilint,
# net-snmp, ncclient) and, as root, the network-namespace lab against the real daemon.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
source scripts/java-env.sh
exec mvn -B -ntp verify "$@"
