#!/usr/bin/env bash
# Builds Wharf and starts the daemon in the foreground with the default settings
# (socket /run/wharf.sock, data root /var/lib/wharf). Extra arguments go to wharfd.
# Installs what the host needs first; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/host-setup.sh
mvn -B -ntp -q -DskipTests install
exec distribution/target/wharf/bin/wharfd "$@"
