#!/usr/bin/env bash
# The README's first quickstart command: from a fresh clone to a real NFL slate.
# Installs dependencies, brings up Postgres and the Temporal dev server (building the CLI from
# source on first use), migrates, imports the NFL history shipped in ../shared/data (or the
# small sample in test/fixtures), and runs the 2023-12-10 slate through Temporal.
set -euo pipefail
cd "$(dirname "$0")/.."
SPORT=${SPORT:-nfl}
DATE=${DATE:-2023-12-10}
FILE=${FILE:-../shared/data/nfl/games.csv}
[ -f "$FILE" ] || FILE=test/fixtures/slates/nfl-2023-week14.csv

[ -d node_modules/@temporalio/worker ] || npm ci --no-audit --no-fund
bash scripts/ensure-postgres.sh >&2
node bin/beatvegas.cjs dev-server
node bin/beatvegas.cjs migrate
node bin/beatvegas.cjs import --sport "$SPORT" --file "$FILE"
node bin/beatvegas.cjs slate --sport "$SPORT" --date "$DATE" --source history --wait "$@"
