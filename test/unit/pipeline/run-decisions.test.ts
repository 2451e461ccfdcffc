/**
 * A run's decisions (core/pipeline/run-decisions.ts): the safety stack over the stored checks,
 * simulations and samples, rows stamped with the run's versions, the loud warnings, and what
 * classify reports; and what stamp-versions reports (stampSummary).
 */
import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../../core/effective-config';
import { slateAuditRows, stampSummary, versionStampFor } from '../../../core/pipeline/audit-rows';
import { decideRun, loudWarnings } from '../../../core/pipeline/run-decisions';
import { safetyInputs } from '../../../core/pipeline/safety-inputs';
import type { StoredLineCheck } from '../../../core/pipeline/stored-rows';
import { classifySlate } from '../../../core/safety';
import { TRUSTED_MODEL_STATE } from '../safety/helpers/candidates';
import { BASELINES, fakeSim } from '../safety/helpers/fake-sim';

const GAME = 'nfl:2023:2023-12-10:BUF@KC';
const OTHER = 'nfl:2023:2023-12-10:DEN@LAC';
const CONFIG = defaultRunConfig('nfl');
const MODEL_HASH = 'f'.repeat(64);
const COMMIT = 'a'.repeat(40);
const VERSIONS = {
  node: 'v22.0.0',
  sdk: '1.13.2',
  gitCommit: COMMIT,
  gitDirty: false,
  modelHash: () => MODEL_HASH,
};

const check = (
  gameId: string,
  market: string,
  point: number | null,
  over: Partial<StoredLineCheck> = {},
): StoredLineCheck => ({
  game_id: gameId,
  market,
  line_key: '',
  ok: true,
  reasons: [],
  notes: [],
  consensus_point: point,
  price_a: -110,
  price_b: -110,
  no_vig_a: 0.5,
  no_vig_b: 0.5,
  ...over,
});

const CHECKS = [
  check(GAME, 'totals', 44.5),
  check(GAME, 'spreads', -3),
  check(GAME, 'h2h', null, { price_a: -150, price_b: 130, no_vig_a: 0.58, no_vig_b: 0.42 }),
  check(OTHER, 'totals', 40.5, { ok: false, reasons: ['STALE_LINE'] }),
  check(OTHER, 'h2h', null, { ok: false, reasons: ['STALE_LINE'] }),
];
const SIMS = [
  fakeSim({
    gameId: GAME,
    sport: 'nfl',
    homeMean: 27,
    awayMean: 21,
    totalSd: 10,
    marginSd: 13.5,
    totalLines: [44.5],
    spreadLines: [-3],
  }),
];
const INPUTS = [
  { game_id: GAME, home_sample: 13, away_sample: 13 },
  { game_id: OTHER, home_sample: 13, away_sample: 13 },
];
const CALIBRATION = {
  calibration: TRUSTED_MODEL_STATE,
  variance: null,
  publishedWindow: { over: 4, under: 4 },
};

describe('decideRun', () => {
  const q = {
    runId: 'run-1',
    sport: 'nfl' as const,
    slateDate: '2023-12-10',
    ...CALIBRATION,
    checks: CHECKS,
    sims: SIMS,
    baseline: BASELINES.nfl,
    inputs: INPUTS,
    config: CONFIG,
    versions: VERSIONS,
    seed: 'seed',
    iterations: 10_000,
  };

  it('is the safety stack over the stored rows, stamped audit rows of every decision', () => {
    const { rows, summary, warnings } = decideRun(q);
    const games = safetyInputs('nfl', CHECKS, SIMS, BASELINES.nfl, INPUTS, CONFIG.safety);
    const result = classifySlate(
      { sport: 'nfl', slateDate: '2023-12-10', ...CALIBRATION, games },
      CONFIG.safety,
    );
    const stamp = versionStampFor(VERSIONS, 'nfl', CONFIG, 'seed', 10_000, result.triggers);
    const expected = slateAuditRows({
      runId: 'run-1',
      sport: 'nfl',
      slateDate: '2023-12-10',
      result,
      checks: CHECKS,
      seed: 'seed',
      iterations: 10_000,
      stamp,
    });
    expect(rows).toEqual(expected.rows);
    expect(summary).toEqual({
      decisions: expected.rows.length,
      states: expected.states,
      published: expected.states.PICK + expected.states.LEAN,
      triggers: [...result.triggers],
      warnings: result.warnings.map((w) => w.code),
    });
    expect(warnings).toEqual(loudWarnings(result.warnings));
    expect(rows.every((r) => r.model_hash === MODEL_HASH && r.git_commit === COMMIT)).toBe(true);
    // The blocked h2h of OTHER is a NO_PLAY row; the verified one is not priced (not decided).
    expect(rows.filter((r) => r.market_type === 'h2h').map((r) => r.game_id)).toEqual([OTHER]);
    expect(summary.states.PICK + summary.states.LEAN + summary.states.NO_PLAY).toBe(rows.length);
  });

  it('moneylines not priced are a warning on the run, never a loud one', () => {
    const { summary, warnings } = decideRun(q);
    expect(summary.warnings).toContain('H2H_NOT_PRICED');
    expect(warnings.map((w) => w.code)).not.toContain('H2H_NOT_PRICED');
  });
});

describe('loudWarnings and stampSummary', () => {
  it('drops only H2H_NOT_PRICED, keeping the order', () => {
    const w = (code: string) => ({ code, message: code }) as never;
    expect(
      loudWarnings([w('SLATE_GUARD_FIRED'), w('H2H_NOT_PRICED'), w('VARIANCE_HISTORY_MISSING')]),
    ).toEqual([w('SLATE_GUARD_FIRED'), w('VARIANCE_HISTORY_MISSING')]);
  });

  it("reports the stamp's model, config, commit and dirty flag", () => {
    const stamp = versionStampFor(VERSIONS, 'nfl', CONFIG, 'seed', 10_000, ['B', 'A', 'B']);
    expect(stampSummary(stamp)).toEqual({
      modelHash: MODEL_HASH,
      configHash: stamp.configHash,
      gitCommit: COMMIT,
      gitDirty: false,
    });
  });
});
