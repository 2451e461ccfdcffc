/**
 * `beatvegas report` on a real backfill (SPEC §5 report, §6 targets): Temporal dev server,
 * in-process workers and Postgres, seeded exactly like test/workflow/operations.test.ts. Then
 * the HTML page is opened in headless Chromium, checked, and kept in artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import type { BacktestReport, ReportExtra } from '../../core/report';
import { buildReport, loadReport, ReportInputError } from '../../report/build';
import { renderReportHtml } from '../../report/html';
import type { BackfillInput, BackfillResult } from '../../workflows/backfill';
import type { DailyCalibrationResult } from '../../workflows/calibration';
import type { SlateResult } from '../../workflows/shared';
import { resetDb, seedEarnedSkill, testDb } from '../support/db';
import { temporalTestEnv, type TemporalTestEnv } from '../support/temporal';
import { consoleErrors, ensureChromium, runHeadless } from './chromium';
import { countColor, readPng } from './png';

const FIXTURE = path.join(__dirname, '../fixtures/slates/nfl-2023-week14.csv');
const ARTIFACTS = path.join(__dirname, '../../artifacts');
const RANGE = { sport: 'nfl', from: '2023-12-07', to: '2023-12-11' } as const;
const db = testDb();
const tag = `${process.pid}-${Date.now()}`;
let env: TemporalTestEnv;
let manualRunId: string;
let report: BacktestReport;
let extra: ReportExtra;

beforeAll(async () => {
  await resetDb(db);
  await importHistoryFile(db, 'nfl', FIXTURE);
  // Published picks need an earned skill weight (a fresh database has none: prior 0).
  await seedEarnedSkill(db, 'nfl', '2023-11-01');
  env = await temporalTestEnv(db, 'report');
  const backfill = (await env.run(() =>
    env.client.workflow.execute('BackfillWorkflow', {
      workflowId: `test-report/${tag}/backfill`,
      taskQueue: env.taskQueue,
      args: [
        {
          sports: ['nfl'],
          from: RANGE.from,
          to: RANGE.to,
          iterations: 4_000,
          simTaskQueue: env.simTaskQueue,
        } satisfies BackfillInput,
      ],
    }),
  )) as BackfillResult;
  expect(backfill.sports.nfl).toMatchObject({ done: 3, failed: 0, games: 15 });
  // A later manual run of 2023-12-10: the report must read it instead of the backfill's.
  const manual = (await env.run(() =>
    env.client.workflow.execute('SlateWorkflow', {
      workflowId: `test-report/${tag}/slate/nfl/2023-12-10`,
      taskQueue: env.taskQueue,
      args: [
        {
          sport: 'nfl',
          date: '2023-12-10',
          source: 'history',
          runKind: 'manual',
          iterations: 4_000,
          simTaskQueue: env.simTaskQueue,
        },
      ],
    }),
  )) as SlateResult;
  manualRunId = manual.runId;
  // Grades every published pick up to the last slate (R11).
  const calibration = (await env.run(() =>
    env.client.workflow.execute('DailyCalibrationWorkflow', {
      workflowId: `test-report/${tag}/calibrate/nfl/2023-12-11`,
      taskQueue: env.taskQueue,
      args: [{ sports: ['nfl'], date: '2023-12-11' }],
    }),
  )) as DailyCalibrationResult;
  expect(calibration.sports[0]!.graded).toBeGreaterThan(0);
  ({ report, extra } = await loadReport(db, RANGE));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
});

afterAll(async () => {
  await env?.close();
  await db.destroy();
});

/** The newest completed run per slate, computed independently of the report code. */
async function chosenRunIds(): Promise<string[]> {
  const rows = await sql<{ run_id: string }>`
    select distinct on (slate_date) run_id from slate_runs
    where sport = ${RANGE.sport} and status = 'completed'
      and slate_date between ${RANGE.from} and ${RANGE.to}
    order by slate_date, finished_at desc, started_at desc, run_id desc`.execute(db);
  return rows.rows.map((r) => r.run_id);
}

describe('buildReport on a backfilled week (SPEC §5)', () => {
  it('has the SPEC §5 fields, one run per slate, newest first', async () => {
    expect(Object.keys(report).sort()).toEqual(
      [
        'sport',
        'from',
        'to',
        'games',
        'simulated',
        'blockedShare',
        'blockReasons',
        'states',
        'totals',
        'spreads',
        'avgDeviation',
        'meanAbsDeviation',
        'biasVsActual',
        'doubleCountingShare',
        'brier',
        'ece',
        'reliability',
        'meta',
        // Earned confidence (issue #20).
        'avgDeviationPublished',
        'eceModel',
        'eceMarket',
        'eceNoise',
        'spreadsCalibration',
        'byState',
        'skillNotEstablished',
        'confidence',
        'confidenceMaxGap',
        'confidencePassChance',
        'skillWeight',
        'decomposition',
        'clv',
        'bySeason',
      ].sort(),
    );
    expect(report).toMatchObject(RANGE);
    expect(report.meta.runIds).toEqual(await chosenRunIds());
    expect(report.meta.runIds.map((id) => (id === manualRunId ? id : id.split('@')[0]))).toEqual([
      'backfill-slate/nfl/2023-12-07',
      manualRunId,
      'backfill-slate/nfl/2023-12-11',
    ]);
    expect(report.meta).toMatchObject({
      runs: 3,
      runsSuperseded: 1,
      runKinds: { backfill: 2, manual: 1 },
      slatesWithoutRun: [],
    });
    const hashes = await db
      .selectFrom('slate_runs')
      .select(['model_hash', 'config_hash'])
      .where('run_id', 'in', report.meta.runIds)
      .execute();
    expect(report.meta.modelHashes).toEqual([...new Set(hashes.map((h) => h.model_hash))]);
    expect(report.meta.configHashes).toEqual([...new Set(hashes.map((h) => h.config_hash))]);
    expect(await buildReport(db, RANGE)).toEqual(report);
  });

  it('games, simulations and blocking are consistent', () => {
    expect(report.games).toBe(15);
    expect(report.simulated).toBeGreaterThan(0);
    expect(report.simulated).toBeLessThanOrEqual(report.games);
    expect(report.meta.gamesCovered).toBe(15);
    expect(report.simulated + report.meta.gamesBlocked).toBeLessThanOrEqual(
      report.meta.gamesCovered,
    );
    expect(report.blockedShare).toBe(report.meta.gamesBlocked / report.meta.gamesCovered);
  });

  it('state shares sum to 1 and match the audit rows of the chosen runs', async () => {
    const { PICK, LEAN, NO_PLAY } = report.states;
    expect(PICK! + LEAN! + NO_PLAY!).toBeCloseTo(1, 12);
    const ids = await chosenRunIds();
    const rows = await db
      .selectFrom('pick_audit')
      .select(['state', 'reasons'])
      .where('run_id', 'in', ids)
      .where('market_type', 'in', ['totals', 'spreads'])
      .execute();
    expect(report.meta.auditRows).toBe(rows.length);
    expect(PICK).toBeCloseTo(rows.filter((r) => r.state === 'PICK').length / rows.length, 12);
    expect(report.totals.picks + report.spreads.picks).toBe(
      rows.filter((r) => r.state !== 'NO_PLAY').length,
    );
    const reasons = await sql<{ reason: string; n: string }>`
      select reason, count(distinct p.id) as n
      from pick_audit p, unnest(p.reasons) as reason
      where p.run_id = any(${ids}::text[]) and p.market_type in ('totals', 'spreads')
        and p.state = 'NO_PLAY'
      group by reason`.execute(db);
    expect(report.blockReasons).toEqual(
      Object.fromEntries(reasons.rows.map((r) => [r.reason, Number(r.n)])),
    );
  });

  it('win rate, push rate and ROI agree with pick_results', async () => {
    const ids = await chosenRunIds();
    for (const market of ['totals', 'spreads'] as const) {
      const graded = await db
        .selectFrom('pick_results as r')
        .innerJoin('pick_audit as p', 'p.id', 'r.pick_id')
        .select(['r.result', 'r.units'])
        .where('p.run_id', 'in', ids)
        .where('p.market_type', '=', market)
        .execute();
      const m = report[market];
      expect(report.meta.graded[market]).toBe(graded.length);
      if (graded.length === 0) {
        expect(m.roiAtPrice).toBeNull();
        continue;
      }
      const units = graded.reduce((a, g) => a + g.units, 0);
      expect(m.roiAtPrice).toBeCloseTo(units / graded.length, 12);
      const wins = graded.filter((g) => g.result === 'win').length;
      const losses = graded.filter((g) => g.result === 'loss').length;
      if (wins + losses > 0) expect(m.winRate).toBeCloseTo(wins / (wins + losses), 12);
      expect(m.pushRate).toBeCloseTo((graded.length - wins - losses) / graded.length, 12);
    }
    expect(report.meta.graded.totals + report.meta.graded.spreads).toBeGreaterThan(0);
    const cumulative = extra.cumulativeUnits.at(-1)?.cumulative ?? 0;
    const allUnits = await db
      .selectFrom('pick_results as r')
      .innerJoin('pick_audit as p', 'p.id', 'r.pick_id')
      .select((eb) => eb.fn.sum<number>('r.units').as('u'))
      .where('p.run_id', 'in', ids)
      .where('p.market_type', 'in', ['totals', 'spreads'])
      .executeTakeFirstOrThrow();
    expect(cumulative).toBeCloseTo(Number(allUnits.u), 9);
  });

  it('Brier, ECE and reliability are on one sample, in range', () => {
    expect(report.meta.brierSample).toBeGreaterThan(0);
    for (const b of [report.brier.model, report.brier.market, report.ece])
      expect(b).toBeGreaterThanOrEqual(0);
    expect(report.brier.model).toBeLessThanOrEqual(1);
    expect(report.brier.market).toBeLessThanOrEqual(1);
    expect(report.ece).toBeLessThanOrEqual(1);
    expect(report.reliability.reduce((a, b) => a + b.n, 0)).toBe(report.meta.brierSample);
    for (const b of report.reliability) {
      const [lo, hi] = b.bin.split('-').map(Number) as [number, number];
      expect(b.predicted).toBeGreaterThanOrEqual(lo);
      expect(b.predicted).toBeLessThanOrEqual(hi);
      expect(b.observed).toBeGreaterThanOrEqual(0);
      expect(b.observed).toBeLessThanOrEqual(1);
    }
  });

  it('deviation, bias, double counting and the one-sidedness check', () => {
    expect(report.meta.deviationSample).toBe(extra.deviations.length);
    expect(report.meta.deviationSample).toBeGreaterThan(0);
    expect(Math.abs(report.avgDeviation!)).toBeLessThanOrEqual(report.meanAbsDeviation! + 1e-12);
    expect(Number.isFinite(report.biasVsActual)).toBe(true);
    expect(report.doubleCountingShare).toBeGreaterThanOrEqual(0);
    expect(report.doubleCountingShare).toBeLessThanOrEqual(1);
    expect(report.meta.decompositionLogs).toBe(report.simulated);
    expect(report.meta.oneSidedSlates).toEqual([]);
    const weekly = extra.weeklyOverShare.reduce((a, w) => a + w.published, 0);
    expect(weekly).toBe(report.totals.picks);
  });

  it('rejects a bad range before touching the database', async () => {
    await expect(buildReport(db, { ...RANGE, from: '2023-12-12' })).rejects.toThrow(
      ReportInputError,
    );
    await expect(buildReport(db, { ...RANGE, to: '2023-02-30' })).rejects.toThrow(/--to/);
  });
});

describe('the HTML report in headless Chromium', () => {
  it('renders every chart with data, without console errors, and keeps a screenshot', async (ctx) => {
    const html = renderReportHtml(report, extra);
    const file = path.join(ARTIFACTS, 'report.html');
    fs.writeFileSync(file, html);
    const browser = ensureChromium();
    if ('skip' in browser) return ctx.skip(browser.skip);
    const url = pathToFileURL(file).href;

    // The console check must be able to fail: a page that throws is caught.
    const bad = path.join(ARTIFACTS, 'console-check.html');
    fs.writeFileSync(bad, "<!doctype html><script>throw new Error('boom')</script>");
    const failing = await runHeadless(browser.path, pathToFileURL(bad).href, ['--dump-dom']);
    fs.rmSync(bad);
    expect(consoleErrors(failing.stderr).join('\n')).toContain('Uncaught Error: boom');

    const dom = await runHeadless(browser.path, url, ['--dump-dom']);
    expect(consoleErrors(dom.stderr)).toEqual([]);
    const svgs = dom.stdout.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(7);
    const shortModel = report.meta.modelHashes[0]!.slice(0, 12);
    for (const s of svgs) {
      expect(s).toContain(`model ${shortModel}`);
      expect(s).not.toContain('no data');
      expect((s.match(/class="mark/g) ?? []).length).toBeGreaterThan(0);
    }
    expect(dom.stdout).toContain('SPEC §6 target');

    const png = path.join(ARTIFACTS, 'report.png');
    fs.rmSync(png, { force: true });
    const shot = await runHeadless(browser.path, url, [
      `--screenshot=${png}`,
      '--window-size=1400,3000',
    ]);
    expect(consoleErrors(shot.stderr)).toEqual([]);
    const img = readPng(fs.readFileSync(png));
    expect([img.width, img.height]).toEqual([1400, 3000]);
    // Bars and dots are drawn in #3867d6: a blank or unstyled page has none of it.
    expect(countColor(img, '#3867d6')).toBeGreaterThan(2_000);
  });
});
