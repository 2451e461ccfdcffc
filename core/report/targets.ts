/**
 * SPEC §6 targets checked against a report. "original" targets come from the original system's
 * expected outcomes; "ours" are the stricter ones this project adds. A target without data, or
 * one stated for another sport (the deviation targets are NFL's), is `n/a`, never a pass.
 */
import type { Sport } from '../sports';
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

/** Every §6 outcome target, in the order of the spec. */
export function evaluateTargets(r: BacktestReport): TargetCheck[] {
  const dev = r.avgDeviation;
  const { model, market } = r.brier;
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
        id: 'avgDeviation',
        label: '|Avg deviation| from market',
        target: '≤ 1.0 pt',
        source: 'ours',
        value: dev,
        unit: 'points',
      },
      (v) => atMost(Math.abs(v), 1),
      'nfl',
      r.sport,
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
        label: 'Brier(model) − Brier(market), totals',
        target: `≤ +${BRIER_TOLERANCE}`,
        source: 'ours',
        value: model !== null && market !== null ? model - market : null,
        unit: 'probability',
      },
      (v) => atMost(v, BRIER_TOLERANCE),
    ),
    check(
      {
        id: 'ece',
        label: 'ECE of model P(over)',
        target: `≤ ${ECE_MAX}`,
        source: 'ours',
        value: r.ece,
        unit: 'probability',
      },
      (v) => atMost(v, ECE_MAX),
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
