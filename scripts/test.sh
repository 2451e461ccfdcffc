#!/usr/bin/env bash
# `npm test`: the whole suite (unit, property, golden, DB, workflow, replay, CLI) with vitest,
# then one plain closing line "N passed, N failed, N skipped" that any CI log reader understands.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
npx vitest run --reporter=default --reporter=json --outputFile.json=artifacts/vitest.json "$@"
code=$?
node -e '
  const fs = require("fs");
  try {
    const r = JSON.parse(fs.readFileSync("artifacts/vitest.json", "utf8"));
    const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  } catch (e) {
    console.log("0 passed, 1 failed");
  }
'
exit $code
