/**
 * simRequestFor (activities/pricing.ts): the engine is asked only about verified lines (R2b),
 * team totals go to the side their lineKey names, and a verified team total then comes back
 * out of classification as a priced audit row. Pure: the same functions the simulate and
 * classify activities call, without Postgres or Temporal (test/db/team-totals-pricing.test.ts
 * runs the activities themselves).
 */
import { describe, expect, it } from 'vitest';
import { auditRow, safetyInputs, simRequestFor } from '../../../core/pipeline';
import { classifySlate } from '../../../core/safety';
import { TRUSTED_MODEL_STATE } from '../safety/helpers/candidates';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import { simulateGame } from '../../../core/sim/engine';
import type { LineCheckRow } from '../../../db/schema';
import { BASELINES } from '../safety/helpers/fake-sim';

const GAME = 'nfl:2023:2023-12-10:BUF@KC';
const OTHER = 'nfl:2023:2023-12-10:DEN@LAC';

function check(
  market: string,
  lineKey: string,
  point: number | null,
  over: Partial<LineCheckRow> = {},
): LineCheckRow {
  return {
    run_id: 'run',
    game_id: GAME,
    market,
    line_key: lineKey,
    ok: true,
    reasons: [],
    notes: [],
    consensus_point: point,
    price_a: -110,
    price_b: -110,
    no_vig_a: 0.5,
    no_vig_b: 0.5,
    books: 3,
    detail: [],
    created_at: new Date('2023-12-10T09:00:00Z'),
    ...over,
  };
}

const CHECKS: LineCheckRow[] = [
  check('totals', '', 48.5),
  check('spreads', '', -2.5),
  check('alternate_totals', '45.5', 45.5),
  check('totals_h1', '', 24.5),
  check('team_totals', 'home:25.5', 25.5, { price_a: -120, price_b: 100, no_vig_a: 0.5227 }),
  check('team_totals', 'home:27', 27),
  check('team_totals', 'away:23.5', 23.5),
  // Blocked by R2: never sent to the engine.
  check('team_totals', 'away:20.5', 20.5, { ok: false, reasons: ['STALE_LINE'] }),
  // No side named: never guessed, never sent.
  check('team_totals', 'KC:26.5', 26.5),
  // Another game's line.
  check('team_totals', 'home:21.5', 21.5, { game_id: OTHER }),
];

const INPUTS = { homeExpected: 26.4, awayExpected: 22.6 };

describe('simRequestFor', () => {
  it('sends verified team totals per side, and only those', () => {
    const req = simRequestFor('nfl', GAME, 'seed', 4_000, INPUTS, CHECKS);
    expect(req.teamTotalLines).toEqual({ home: [25.5, 27], away: [23.5] });
    // The other markets are exactly as before team totals existed.
    expect(req.totalLines).toEqual([48.5, 45.5]);
    expect(req.spreadLines).toEqual([-2.5]);
    expect(req.derivatives).toEqual([{ market: 'totals_h1', totalLines: [24.5] }]);
  });

  it('leaves teamTotalLines out when no team total is verified (summary unchanged)', () => {
    const req = simRequestFor(
      'nfl',
      GAME,
      'seed',
      4_000,
      INPUTS,
      CHECKS.filter((c) => c.market !== 'team_totals' || c.line_key === 'KC:26.5'),
    );
    expect('teamTotalLines' in req).toBe(false);
  });

  it('a verified team total becomes a classified, priced pick_audit row', () => {
    const req = simRequestFor('nfl', GAME, 'seed', 4_000, INPUTS, CHECKS);
    const sim = simulateGame(req);
    // Through JSON, as the summary is stored in simulations.summary.
    const stored = JSON.parse(JSON.stringify(sim)) as typeof sim;
    const games = safetyInputs(
      'nfl',
      CHECKS.filter((c) => c.game_id === GAME),
      [stored],
      BASELINES.nfl,
      [{ game_id: GAME, home_sample: 13, away_sample: 13 }],
      CFG,
    );
    const result = classifySlate(
      {
        sport: 'nfl',
        slateDate: '2023-12-10',
        calibration: TRUSTED_MODEL_STATE,
        variance: null,
        games,
      },
      CFG,
    );
    const rows = result.picks.map((d) => auditRow('run', '2023-12-10', d, 'seed', 4_000));
    const tt = rows.filter((r) => r.market_type === 'team_totals');
    expect(tt.map((r) => r.line_key).sort()).toEqual(
      ['KC:26.5', 'away:20.5', 'away:23.5', 'home:25.5', 'home:27'].sort(),
    );

    const home = tt.find((r) => r.line_key === 'home:25.5')!;
    const probs = sim.full.teamTotals!.home[0]!;
    const pOver = probs.pOver / (probs.pOver + probs.pUnder);
    expect(home.side === 'OVER' || home.side === 'UNDER').toBe(true);
    expect(home.model_prob).not.toBeNull();
    // No calibration state, no variance history, L3 within threshold: the model probability
    // is the engine's own, from the home side's histogram; the market's is the quotes' no-vig.
    expect(home.model_prob).toBeCloseTo(home.side === 'OVER' ? pOver : 1 - pOver, 12);
    expect(home.market_prob).toBeCloseTo(home.side === 'OVER' ? 0.5227 : 1 - 0.5227, 12);
    expect(home.projection).toBeCloseTo(sim.full.home.mean, 12);
    expect(home.line).toBe(25.5);
    expect(home.price).toBe(home.side === 'OVER' ? -120 : 100);
    const layers = JSON.parse(home.layers) as { layer: string }[];
    expect(layers.map((l) => l.layer)).toEqual([
      'L1_DATA_INTEGRITY',
      'L2_BASELINE_CLAMP',
      'SKILL_WEIGHT',
      'L3_MARKET_DEVIATION',
      'L4_HIGH_VARIANCE',
      'L5_PUBLISH_GATES',
    ]);
    expect(['PICK', 'LEAN', 'NO_PLAY']).toContain(home.state);
    expect(home.publish_decision).toBe(home.state !== 'NO_PLAY');

    // The whole line at 27 carries push mass, from the same histogram.
    const whole = tt.find((r) => r.line_key === 'home:27')!;
    const pushProb = (JSON.parse(whole.versions) as { pushProb: number }).pushProb;
    expect(pushProb).toBe(sim.full.teamTotals!.home[1]!.pPush);
    expect(pushProb).toBeGreaterThan(0);

    const awayRow = tt.find((r) => r.line_key === 'away:23.5')!;
    expect(awayRow.projection).toBeCloseTo(sim.full.away.mean, 12);

    expect(tt.find((r) => r.line_key === 'away:20.5')).toMatchObject({
      state: 'NO_PLAY',
      reasons: ['STALE_LINE'],
      model_prob: null,
    });
    expect(tt.find((r) => r.line_key === 'KC:26.5')).toMatchObject({
      state: 'NO_PLAY',
      publish_decision: false,
      reasons: ['UNATTRIBUTED_TEAM_TOTAL'],
      model_prob: null,
    });
  });
});

describe('safetyInputs', () => {
  it('a game whose summary cannot be decomposed is blocked with a reason; the slate goes on', () => {
    const req = simRequestFor('nfl', GAME, 'seed', 4_000, INPUTS, CHECKS);
    const good = JSON.parse(JSON.stringify(simulateGame(req))) as ReturnType<typeof simulateGame>;
    const other = { ...good, gameId: OTHER, decomposition: { ...good.decomposition, pace: NaN } };
    const games = safetyInputs(
      'nfl',
      [
        ...CHECKS.filter((c) => c.game_id === GAME && c.market === 'totals'),
        { ...CHECKS[0]!, game_id: OTHER },
      ],
      [good, other],
      BASELINES.nfl,
      [
        { game_id: GAME, home_sample: 13, away_sample: 13 },
        { game_id: OTHER, home_sample: 13, away_sample: 13 },
      ],
      CFG,
    );
    const bad = games.find((g) => g.gameId === OTHER);
    expect(bad?.gameReasons).toEqual(['DECOMPOSITION_INPUT_ERROR']);
    expect(bad?.decomposition).toBeNull();
    const res = classifySlate(
      {
        sport: 'nfl',
        slateDate: '2023-12-10',
        calibration: TRUSTED_MODEL_STATE,
        variance: null,
        games,
      },
      CFG,
    );
    const blocked = res.picks.find((d) => d.gameId === OTHER);
    expect(blocked?.state).toBe('NO_PLAY');
    expect(blocked?.reasons).toContain('DECOMPOSITION_INPUT_ERROR');
    expect(res.picks.find((d) => d.gameId === GAME)?.pricing).not.toBeNull();
  });
});
