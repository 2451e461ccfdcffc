/**
 * R11: a chain's calibration of the day — the windows it measures, the measurements of its
 * priced totals and graded picks, the next calibration state (L2 offset and damping, skill
 * weights), the `calibration_daily` row the next slate reads, and what the job reports.
 */
import { addDays } from '../calendar';
import { effectiveConfigHash, type EffectiveConfig } from '../effective-config';
import { measureWindow, type GradedPick } from '../grading';
import {
  EMPTY_SKILL_SUMS,
  NEUTRAL_CALIBRATION_STATE,
  nextCalibrationState,
  type CalibrationState,
  type SkillSums,
} from '../safety';
import type { Sport } from '../sports';
import type { LiveScoresSummary } from './live-grading';
import type { StoredWindowTotal } from './stored-rows';

export interface CalibrateSummary {
  sport: string;
  date: string;
  scoresUpdated: number;
  ungraded: number;
  graded: number;
  games: number;
  offset: number;
  dampFactor: number;
  overRateLeans: number | null;
  biasVsActual: number | null;
  /** Skill weights the next slate applies (0–1). */
  skillWeightTotal: number | null;
  skillWeightSpread: number | null;
  triggers: string[];
}

/** The id of a chain's calibration row: production's is `sport/date`, any other names its chain. */
export function calibrationRowId(sport: string, date: string, chain: string): string {
  return chain === 'production' ? `${sport}/${date}` : `${sport}/${date}/${chain}`;
}

/** Live scores grade production's live picks; any other chain grades from imported results. */
export function gradesLiveScores(chain: string): boolean {
  return chain === 'production';
}

/** The slate dates up to `date` the calibration measures (window) and weighs skill over. */
export function calibrationWindows(
  date: string,
  config: Pick<EffectiveConfig, 'calibrationWindowDays' | 'safety'>,
): { from: string; skill: { from: string; shiftFrom: string; to: string } } {
  return {
    from: addDays(date, -(config.calibrationWindowDays - 1)),
    skill: {
      from: addDays(date, -(config.safety.skillWeight.windowDays - 1)),
      shiftFrom: addDays(date, -(config.safety.skillWeight.shiftWindowDays - 1)),
      to: date,
    },
  };
}

export interface DailyCalibrationInput {
  readonly sport: Sport;
  readonly date: string;
  readonly chain: string;
  readonly config: EffectiveConfig;
  /** The chain's priced full-game totals of record in the window, with their finals. */
  readonly totals: readonly StoredWindowTotal[];
  /** Grades of the chain's published decisions of record in the window. */
  readonly results: readonly GradedPick[];
  /** The chain's newest state before `date` (undefined: none yet, neutral). */
  readonly prev: CalibrationState | undefined;
  /** Skill-weight statistics per market kind (a kind without graded lines absent). */
  readonly skillSums: readonly (SkillSums & { readonly kind: 'total' | 'spread' })[];
  /** The day's `/scores` ingestion (null: none needed, or not production). */
  readonly live: LiveScoresSummary | null;
  /** Picks graded by this job. */
  readonly graded: number;
}

/** The day's `calibration_daily` row of the chain, and what the job reports. */
export function dailyCalibration(q: DailyCalibrationInput) {
  const m = measureWindow(
    q.totals.map((t) => ({
      side: t.side,
      projectionRaw: t.projection_raw,
      line: t.line,
      actualTotal: t.actual_total,
      published: t.published,
    })),
    q.results,
  );
  const skill = {
    total: q.skillSums.find((r) => r.kind === 'total') ?? EMPTY_SKILL_SUMS,
    spread: q.skillSums.find((r) => r.kind === 'spread') ?? EMPTY_SKILL_SUMS,
  };
  const next = nextCalibrationState(
    q.prev ?? NEUTRAL_CALIBRATION_STATE,
    {
      date: q.date,
      sourceRowId: calibrationRowId(q.sport, q.date, q.chain),
      games: m.games,
      bias: m.biasVsActual,
      biasBasis: 'raw',
      overRate: m.overRateLeans,
      skill,
    },
    q.config.safety.sports[q.sport],
    q.config.safety,
  );
  const ungraded = q.live?.ungraded.length ?? 0;
  const row = {
    sport: q.sport,
    date: q.date,
    windowDays: q.config.calibrationWindowDays,
    games: m.games,
    overRateLeans: m.overRateLeans,
    overRatePicks: m.overRatePicks,
    biasVsActual: m.biasVsActual,
    biasVsMarket: m.biasVsMarket,
    winRate: m.winRate,
    pushRate: m.pushRate,
    dampFactor: next.dampFactor,
    offset: next.offset,
    triggers: next.triggers,
    configHash: effectiveConfigHash(q.config),
    ungraded,
    scores: q.live,
    chain: q.chain,
    skill: next.skillWeights,
  };
  const summary: CalibrateSummary = {
    sport: q.sport,
    date: q.date,
    scoresUpdated: q.live?.applied ?? 0,
    ungraded,
    graded: q.graded,
    games: m.games,
    offset: next.offset,
    dampFactor: next.dampFactor,
    overRateLeans: m.overRateLeans,
    biasVsActual: m.biasVsActual,
    skillWeightTotal: next.skillWeights?.total.w ?? null,
    skillWeightSpread: next.skillWeights?.spread.w ?? null,
    triggers: [...next.triggers],
  };
  return { row, summary };
}
