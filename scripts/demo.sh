#!/usr/bin/env bash
# `npm run demo`: the first quickstart command. Installs dependencies if needed, then runs
# `beatvegas demo` (Temporal dev server, PGlite unless DATABASE_URL is set, local odds server,
# a real NFL slate through the real HTTP client). Pass --keep to leave it all running.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/@temporalio/worker ] || npm ci --no-audit --no-fund
exec node bin/beatvegas.cjs demo "$@"
