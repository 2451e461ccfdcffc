/**
 * A chain's calibration of the day (core/pipeline/daily-calibration.ts): its windows, the row
 * the next slate reads and what the job reports, from the window's totals and grades.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../core/calendar';
import { defaultRunConfig, effectiveConfigHash } from '../../../core/effective-config';
import { measureWindow } from '../../../core/grading';
import {
  calibrationRowId,
  calibrationWindows,
  dailyCalibration,
  gradesLiveScores,
} from '../../../core/pipeline/daily-calibration';
import { SCORES_WITHOUT_KEY, liveScoresSummary } from '../../../core/pipeline/live-grading';
import type { StoredWindowTotal } from '../../../core/pipeline/stored-rows';
import {
  EMPTY_SKILL_SUMS,
  NEUTRAL_CALIBRATION_STATE,
  nextCalibrationState,
} from '../../../core/safety';

const CONFIG = defaultRunConfig('nba');
const DATE = '2024-01-15';

function total(
  side: 'OVER' | 'UNDER',
  raw: number,
  line: number,
  actual: number,
  published = false,
): StoredWindowTotal {
  return { side, projection_raw: raw, line, actual_total: actual, published };
}

// Enough games for an update, leaning Over with the model high: a bias to clamp.
const TOTALS = Array.from({ length: 60 }, (_, i) =>
  total(i % 3 === 0 ? 'UNDER' : 'OVER', 232 + (i % 5), 228.5, 220 + (i % 17), i % 4 === 0),
);
const RESULTS = [
  { result: 'win' as const },
  { result: 'loss' as const },
  { result: 'push' as const },
];
const SUMS = [{ kind: 'total' as const, n: 400, syd: 3, sdd: 4, sd: 1, nRecent: 50, syRecent: 2 }];

describe('calibrationRowId, gradesLiveScores, calibrationWindows', () => {
  it("production's row is sport/date; any other chain's names the chain", () => {
    expect(calibrationRowId('nba', DATE, 'production')).toBe('nba/2024-01-15');
    expect(calibrationRowId('nba', DATE, 'backfill:abc')).toBe('nba/2024-01-15/backfill:abc');
  });

  it('only production grades live scores', () => {
    expect(gradesLiveScores('production')).toBe(true);
    expect(gradesLiveScores('backfill:abc')).toBe(false);
    expect(gradesLiveScores('research:abc')).toBe(false);
  });

  it('windows of windowDays slate dates ending at the date', () => {
    const w = calibrationWindows(DATE, CONFIG);
    expect(w.from).toBe(addDays(DATE, -(CONFIG.calibrationWindowDays - 1)));
    expect(w.skill).toEqual({
      from: addDays(DATE, -(CONFIG.safety.skillWeight.windowDays - 1)),
      shiftFrom: addDays(DATE, -(CONFIG.safety.skillWeight.shiftWindowDays - 1)),
      to: DATE,
    });
  });
});

describe('dailyCalibration', () => {
  const q = {
    sport: 'nba' as const,
    date: DATE,
    chain: 'production',
    config: CONFIG,
    totals: TOTALS,
    results: RESULTS,
    prev: undefined,
    skillSums: SUMS,
    live: null,
    graded: 7,
  };

  it('the row and the report: the measurements and the next state from them', () => {
    const m = measureWindow(
      TOTALS.map((t) => ({
        side: t.side,
        projectionRaw: t.projection_raw,
        line: t.line,
        actualTotal: t.actual_total,
        published: t.published,
      })),
      RESULTS,
    );
    const next = nextCalibrationState(
      NEUTRAL_CALIBRATION_STATE,
      {
        date: DATE,
        sourceRowId: 'nba/2024-01-15',
        games: m.games,
        bias: m.biasVsActual,
        biasBasis: 'raw',
        overRate: m.overRateLeans,
        skill: { total: SUMS[0]!, spread: EMPTY_SKILL_SUMS },
      },
      CONFIG.safety.sports.nba,
      CONFIG.safety,
    );
    const { row, summary } = dailyCalibration(q);
    expect(row).toEqual({
      sport: 'nba',
      date: DATE,
      windowDays: CONFIG.calibrationWindowDays,
      games: 60,
      overRateLeans: m.overRateLeans,
      overRatePicks: m.overRatePicks,
      biasVsActual: m.biasVsActual,
      biasVsMarket: m.biasVsMarket,
      winRate: 0.5,
      pushRate: 1 / 3,
      dampFactor: next.dampFactor,
      offset: next.offset,
      triggers: next.triggers,
      configHash: effectiveConfigHash(CONFIG),
      ungraded: 0,
      scores: null,
      chain: 'production',
      skill: next.skillWeights,
    });
    expect(next.triggers).toContain('BIAS_CLAMP');
    expect(summary).toEqual({
      sport: 'nba',
      date: DATE,
      scoresUpdated: 0,
      ungraded: 0,
      graded: 7,
      games: 60,
      offset: next.offset,
      dampFactor: next.dampFactor,
      overRateLeans: m.overRateLeans,
      biasVsActual: m.biasVsActual,
      skillWeightTotal: next.skillWeights!.total.w,
      skillWeightSpread: next.skillWeights!.spread.w,
      triggers: [...next.triggers],
    });
  });

  it("another chain's state names its chain; the previous state carries on", () => {
    const prev = {
      ...NEUTRAL_CALIBRATION_STATE,
      offset: 1.5,
      dampFactor: 0.8,
      asOfDate: '2024-01-14',
    };
    const few = dailyCalibration({ ...q, chain: 'backfill:abc', prev, totals: TOTALS.slice(0, 2) });
    expect(few.row.chain).toBe('backfill:abc');
    // Too few games for an update: the previous offset and damping stay.
    expect(few.row.triggers).toContain('INSUFFICIENT_SAMPLE');
    expect([few.row.offset, few.row.dampFactor]).toEqual([1.5, 0.8]);
  });

  it("the day's /scores ingestion is stored with the row and counted in the report", () => {
    const scores = liveScoresSummary(
      [
        {
          game_id: 'g1',
          commence_time: new Date('2024-01-01T00:00:00Z'),
          home_team: 'BOS',
          away_team: 'NYK',
          event_id: null,
          home_score: null,
          away_score: null,
        },
      ],
      [],
      Date.parse('2024-01-13T00:00:00Z'),
      { ...SCORES_WITHOUT_KEY, stored: { updated: 3, corrected: 1 } },
    );
    const { row, summary } = dailyCalibration({ ...q, live: scores });
    expect(row.scores).toBe(scores);
    expect(row.ungraded).toBe(1);
    expect(summary.ungraded).toBe(1);
    expect(summary.scoresUpdated).toBe(3);
  });
});
