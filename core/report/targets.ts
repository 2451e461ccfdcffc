/**
 * SPEC §6 targets checked against a report. "original" targets come from the original system's
 * expected outcomes; "ours" are the stricter ones this project adds. A target without data, or
 * one stated for another sport (the deviation targets are NFL's), is `n/a`, never a pass.
 */
import type { Sport } from '../sports';
import { CONFIDENCE_TOLERANCE } from './earned';
import type { BacktestReport } from './types';

export type TargetStatus = 'pass' | 'miss' | 'n/a';

export interface TargetCheck {
  readonly id: string;
  readonly label: string;
  /** Human-readable target, e.g. `50–55%`. */
  readonly target: string;
  readonly source: 'original' | 'ours';
  /** The measured value (fraction, points or count), null without data. */
  readonly value: number | null;
  /** How `value` is displayed. */
  readonly unit: 'share' | 'points' | 'probability' | 'count';
  readonly status: TargetStatus;
  /** Why a check is n/a, or what it compares. */
  readonly note?: string;
}

/** Tolerance of Brier(model) over Brier(market no-vig) on totals (SPEC §6). */
export const BRIER_TOLERANCE = 0.002;
export const ECE_MAX = 0.03;

/** Float noise at a boundary counts as on it: 0.252 − 0.25 is 0.0020000000000000018. */
const EPS = 1e-12;
const within = (v: number, lo: number, hi: number): boolean => v >= lo - EPS && v <= hi + EPS;
const atMost = (v: number, max: number): boolean => v <= max + EPS;

function check(
  base: Omit<TargetCheck, 'status'>,
  passes: (v: number) => boolean,
  appliesTo?: Sport,
  sport?: Sport,
): TargetCheck {
  if (appliesTo !== undefined && sport !== appliesTo)
    return { ...base, status: 'n/a', note: `${appliesTo.toUpperCase()} target` };
  if (base.value === null) return { ...base, status: 'n/a', note: base.note ?? 'no data' };
  return { ...base, status: passes(base.value) ? 'pass' : 'miss' };
}

/** |Average deviation of the published projection from the market| per sport (issue #20). */
export const DEVIATION_MAX: Readonly<Record<Sport, number>> = {
  nfl: 1.0,
  ncaaf: 1.0,
  nba: 2.0,
  ncaab: 2.0,
  mlb: 0.25,
  nhl: 0.25,
};

/** Every §6 outcome target, in the order of the spec, then the earned-confidence targets. */
export function evaluateTargets(r: BacktestReport): TargetCheck[] {
  const dev = r.avgDeviation;
  const { published, market } = r.brier;
  const sb = r.spreadsCalibration.brier;
  const pick = r.byState.PICK.winRate;
  const lean = r.byState.LEAN.winRate;
  return [
    check(
      {
        id: 'overShare',
        label: 'Totals over share',
        target: '50–55%',
        source: 'original',
        value: r.totals.overShare,
        unit: 'share',
      },
      (v) => within(v, 0.5, 0.55),
    ),
    check(
      {
        id: 'avgDeviationOriginal',
        label: 'Avg deviation from market',
        target: '±3 pts',
        source: 'original',
        value: dev,
        unit: 'points',
      },
      (v) => atMost(Math.abs(v), 3),
      'nfl',
      r.sport,
    ),
    check(
      {
        id: 'overSharePublished',
        label: 'Published totals over share',
        target: '45–58%',
        source: 'ours',
        value: r.totals.overShare,
        unit: 'share',
      },
      (v) => within(v, 0.45, 0.58),
    ),
    check(
      {
        id: 'avgDeviation',
        label: '|Avg deviation| of the published projection from market',
        target: `≤ ${DEVIATION_MAX[r.sport]} pt`,
        source: 'ours',
        value: r.avgDeviationPublished,
        unit: 'points',
      },
      (v) => atMost(Math.abs(v), DEVIATION_MAX[r.sport]),
    ),
    check(
      {
        id: 'blockedShare',
        label: 'Blocked games',
        target: '20–30%',
        source: 'original',
        value: r.blockedShare,
        unit: 'share',
      },
      (v) => within(v, 0.2, 0.3),
    ),
    check(
      {
        id: 'pickShare',
        label: 'PICK state',
        target: '40–50%',
        source: 'original',
        value: r.states.PICK,
        unit: 'share',
      },
      (v) => within(v, 0.4, 0.5),
    ),
    check(
      {
        id: 'leanShare',
        label: 'LEAN state',
        target: '30–40%',
        source: 'original',
        value: r.states.LEAN,
        unit: 'share',
      },
      (v) => within(v, 0.3, 0.4),
    ),
    check(
      {
        id: 'noPlayShare',
        label: 'NO_PLAY state',
        target: '20–30%',
        source: 'original',
        value: r.states.NO_PLAY,
        unit: 'share',
      },
      (v) => within(v, 0.2, 0.3),
    ),
    check(
      {
        id: 'doubleCounting',
        label: 'Double-counting flags',
        target: '< 10%',
        source: 'original',
        value: r.doubleCountingShare,
        unit: 'share',
      },
      (v) => v < 0.1,
    ),
    check(
      {
        id: 'brier',
        label: 'Brier(published) − Brier(market), totals',
        target: `≤ +${BRIER_TOLERANCE}`,
        source: 'ours',
        value: published !== null && market !== null ? published - market : null,
        unit: 'probability',
      },
      (v) => atMost(v, BRIER_TOLERANCE),
    ),
    check(
      {
        id: 'ece',
        label: 'ECE of published P(over)',
        target: `≤ ${ECE_MAX}`,
        source: 'ours',
        value: r.ece,
        unit: 'probability',
      },
      (v) => atMost(v, ECE_MAX),
    ),
    check(
      {
        id: 'brierSpreads',
        label: 'Brier(published) − Brier(market), spreads',
        target: `≤ +${BRIER_TOLERANCE}`,
        source: 'ours',
        value: sb.published !== null && sb.market !== null ? sb.published - sb.market : null,
        unit: 'probability',
      },
      (v) => atMost(v, BRIER_TOLERANCE),
    ),
    check(
      {
        id: 'eceSpreads',
        label: 'ECE of published P(home covers)',
        target: `≤ ${ECE_MAX}`,
        source: 'ours',
        value: r.spreadsCalibration.ece,
        unit: 'probability',
      },
      (v) => atMost(v, ECE_MAX),
    ),
    check(
      {
        id: 'confidenceCalibrated',
        label: 'Confidence bins (n ≥ 100): max |stated − observed|',
        target: `≤ ${CONFIDENCE_TOLERANCE}`,
        source: 'ours',
        value: r.confidenceMaxGap,
        unit: 'probability',
      },
      (v) => atMost(v, CONFIDENCE_TOLERANCE),
    ),
    check(
      {
        id: 'pickBeatsLean',
        label: 'PICK win rate − LEAN win rate',
        target: '≥ 0',
        source: 'ours',
        value: pick !== null && lean !== null ? pick - lean : null,
        unit: 'probability',
        note: 'n/a until both states have graded lines',
      },
      (v) => v >= -EPS,
    ),
    check(
      {
        id: 'oneSidedSlates',
        label: 'Slates ≥ 6 totals with > 58% on one side',
        target: 'none',
        source: 'ours',
        value: r.meta.oneSidedSlates.length,
        unit: 'count',
      },
      (v) => v === 0,
    ),
  ];
}
