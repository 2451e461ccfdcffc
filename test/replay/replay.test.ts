/**
 * Replay safety (SPEC §7): every recorded history under test/histories must replay against
 * today's workflow code. A non-deterministic change (reordered or removed activity, new step
 * without `patched()`) fails here in CI. Re-record with `npx tsx scripts/record-histories.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

const DIR = path.join(__dirname, '..', 'histories');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('recorded workflow histories replay on the current code', () => {
  it('has a history for each workflow type', () => {
    expect(files).toEqual([
      'backfill-slate-workflow.json',
      'backfill-workflow.json',
      'daily-calibration-workflow.json',
      'slate-workflow.json',
    ]);
  });

  it('replays every history without non-determinism', async () => {
    const histories = files.map((f) => ({
      workflowId: f.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'))),
    }));
    const results = [];
    for await (const result of Worker.runReplayHistories(
      { workflowsPath: path.join(__dirname, '..', '..', 'workflows', 'index.ts') },
      histories,
    )) {
      results.push({
        workflowId: result.workflowId,
        error: result.error ? String(result.error) : null,
      });
    }
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: null })));
  }, 120_000);
});
