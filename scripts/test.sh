#!/usr/bin/env bash
# Runs every test: unit tests of each bundle, in-framework tests (Pax Exam) and end-to-end tests that
# start the built daemon and drive it with the real docker CLI. Installs what the host needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/host-setup.sh
[ -x /usr/local/bin/docker ] || echo "warning: /usr/local/bin/docker is missing; the end-to-end tests need the docker CLI" >&2
exec mvn -B -ntp install "$@"
