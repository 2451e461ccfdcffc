#!/usr/bin/env bash
# `npm test`: the whole suite (unit, property, golden, DB, workflow, replay, CLI) with vitest,
# then the fault tests (SPEC §7), then one plain closing line "N passed, N failed, N skipped"
# that any CI log reader understands. BEATVEGAS_CHAOS=0 leaves the fault tests out.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
rm -f artifacts/vitest.json artifacts/vitest-chaos.json
npx vitest run --reporter=default --reporter=json --outputFile.json=artifacts/vitest.json "$@"
code=$?
if [ $# -eq 0 ] && [ "${BEATVEGAS_CHAOS:-1}" != "0" ]; then
  # Fault tests kill workers, stop Postgres and restart the Temporal dev server: only after
  # everything else, on their own database (vitest.chaos.config.ts), never beside other tests.
  npx vitest run --config vitest.chaos.config.ts --reporter=default --reporter=json \
    --outputFile.json=artifacts/vitest-chaos.json
  chaos=$?
  [ $code -eq 0 ] && code=$chaos
fi
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of ["artifacts/vitest.json", "artifacts/vitest-chaos.json"]) {
    if (!fs.existsSync(f)) continue;
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests;
    skipped += (r.numPendingTests || 0) + (r.numTodoTests || 0);
  }
  if (passed + failed === 0) failed = 1;
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
'
exit $code
