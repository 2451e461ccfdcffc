/**
 * Opening lines end to end (issue #20 item 5): an NHL history file with openers, a backfill
 * priced on the closing lines and one priced on the opening lines (`lines: open`, its own config
 * hash and chain) over the same dates, then `report` of each: the open report reads only the
 * open runs and measures closing-line value; the close report is untouched by the newer runs.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { parseRunConfig, resolveRunConfig } from '../../core/effective-config';
import type { BacktestReport } from '../../core/report';
import { loadReport, type LoadedReport } from '../../report/build';
import type { BackfillInput, BackfillResult } from '../../workflows/backfill';
import { resetDb, testDb } from '../support/db';
import { temporalTestEnv, type TemporalTestEnv } from '../support/temporal';

const FIXTURE = path.join(__dirname, '../fixtures/history/nhl/nhl_odds_2019-20.csv');
const RANGE = { sport: 'nhl', from: '2020-01-15', to: '2020-01-19' } as const;
const db = testDb();
const tag = `${process.pid}-${Date.now()}`;
let env: TemporalTestEnv;
let close: BacktestReport;
let open: BacktestReport;
let closeLoaded: LoadedReport;
let openLoaded: LoadedReport;

async function backfill(lines: 'open' | 'close'): Promise<BackfillResult> {
  const config = parseRunConfig({
    ...resolveRunConfig('nhl', 'backfill', { iterations: 4_000 }),
    lines,
  });
  return (await env.run(() =>
    env.client.workflow.execute('BackfillWorkflow', {
      workflowId: `test-open-lines/${tag}/${lines}`,
      taskQueue: env.taskQueue,
      args: [
        {
          sports: ['nhl'],
          from: RANGE.from,
          to: RANGE.to,
          iterations: 4_000,
          simTaskQueue: env.simTaskQueue,
          configs: { nhl: config },
        } satisfies BackfillInput,
      ],
    }),
  )) as BackfillResult;
}

beforeAll(async () => {
  await resetDb(db);
  const imported = await importHistoryFile(db, 'nhl', FIXTURE);
  expect(imported.openingLines.inserted).toBeGreaterThan(0);
  env = await temporalTestEnv(db, 'open-lines');
  expect((await backfill('close')).sports.nhl).toMatchObject({ done: 5, failed: 0 });
  // Priced on the openers, later: without the lines filter these runs would replace the others.
  expect((await backfill('open')).sports.nhl).toMatchObject({ done: 5, failed: 0 });
  closeLoaded = await loadReport(db, RANGE);
  openLoaded = await loadReport(db, { ...RANGE, lines: 'open' });
  ({ report: close } = closeLoaded);
  ({ report: open } = openLoaded);
}, 300_000);

afterAll(async () => {
  await env?.close();
  await db.destroy();
});

describe('report --lines', () => {
  it('each report reads the runs of its own lines, one config hash each', () => {
    expect(close.meta.lines).toBe('close');
    expect(open.meta.lines).toBe('open');
    expect(close.meta.runs).toBe(5);
    expect(open.meta.runs).toBe(5);
    expect(close.meta.runsSuperseded).toBe(0);
    expect(open.meta.runIds.filter((id) => close.meta.runIds.includes(id))).toEqual([]);
    expect(open.meta.configHashes).toHaveLength(1);
    expect(close.meta.configHashes).toHaveLength(1);
    expect(open.meta.configHashes).not.toEqual(close.meta.configHashes);
  });

  it('each counts the runs of the other lines it left out (the CLI names them when it has none)', () => {
    expect(closeLoaded.otherLines).toEqual({ lines: 'open', runs: 5 });
    expect(openLoaded.otherLines).toEqual({ lines: 'close', runs: 5 });
  });

  it('closing-line value is measured on the open runs only', () => {
    expect(close.clv).toBeNull();
    expect(open.clv).not.toBeNull();
    const all = Object.values(open.clv!);
    expect(all.reduce((n, s) => n + s.n, 0)).toBeGreaterThan(0);
    for (const s of all) {
      if (s.n === 0) continue;
      expect(s.towardShare).toBeGreaterThanOrEqual(0);
      expect(s.towardShare! + s.unmovedShare!).toBeLessThanOrEqual(1 + 1e-12);
      expect(Number.isFinite(s.meanMovePts)).toBe(true);
    }
  });

  it('both price the same games', () => {
    expect(open.games).toBe(close.games);
    expect(open.simulated).toBe(close.simulated);
  });
});
