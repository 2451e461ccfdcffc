/**
 * R5 decomposition: where does the projected total come from — more scoring events (pace) or
 * more points per event (efficiency)? Inflated ratings that push both at once are the classic
 * "same signal counted twice" failure behind "Over on every game".
 *
 * Split rule (exact, order-free): write total = pace × e with e = total / pace, the *implied*
 * efficiency (points per event that reproduces the projected total exactly). With P0, e0 from the
 * league baseline and P1, e1 from the simulation, the symmetric (Shapley) split of a product is
 *   pace part       = (P1 − P0) · (e0 + e1) / 2
 *   efficiency part = (e1 − e0) · (P0 + P1) / 2
 * and pace part + efficiency part = P1·e1 − P0·e0 = projected − baseline total, exactly (up to
 * float rounding). The implied efficiency is used for the split because the engine's mean points
 * per event times mean events is not the mean total (E[XY] ≠ E[X]E[Y]); the z-scores use the
 * engine's own efficiency mean against the league's efficiency SD.
 */
import type { DecompositionMeans, LeagueBaseline, SimSummary } from '../simulation-types';
import type { Sport } from '../sports';
import { DEFAULT_SAFETY_CONFIG, type SafetyConfig } from './config';
import { DecompositionInputError } from './errors';

export type DecompositionFlag = 'DOUBLE_COUNTING_LIKELY' | 'PACE_OUTLIER' | 'EFFICIENCY_OUTLIER';

/**
 * One `decomposition_logs` row (flat, JSON-safe). Units: pace in events per game (both teams),
 * efficiency in scoring units per event, TD/FG rates per drive (0–1), totals in scoring units,
 * z in league SDs. Football-only fields are null for other sports or when the engine omits them.
 */
export interface DecompositionResult {
  readonly gameId: string;
  readonly sport: Sport;
  readonly projectedTotal: number;
  readonly baselineTotal: number;
  /** projectedTotal − baselineTotal = paceContribution + efficiencyContribution. */
  readonly totalDelta: number;
  readonly pace: number;
  readonly paceBaseline: number;
  readonly paceDelta: number;
  readonly paceZ: number;
  readonly efficiency: number;
  readonly efficiencyBaseline: number;
  readonly efficiencyDelta: number;
  readonly efficiencyZ: number;
  readonly tdRate: number | null;
  readonly tdRateBaseline: number | null;
  readonly tdRateDelta: number | null;
  /** Binomial approximation: SD of a per-drive rate over the baseline's drives per game. */
  readonly tdRateZ: number | null;
  readonly fgRate: number | null;
  readonly fgRateBaseline: number | null;
  readonly fgRateDelta: number | null;
  readonly fgRateZ: number | null;
  /** Scoring units of the total difference explained by pace (see module doc). */
  readonly paceContribution: number;
  /** Scoring units of the total difference explained by efficiency. */
  readonly efficiencyContribution: number;
  readonly flags: readonly DecompositionFlag[];
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** TD/FG rate vs baseline; z uses sqrt(p(1 − p) / drives) since the baseline carries no rate SD. */
function rateVsBaseline(
  value: number | undefined,
  baseline: number | undefined,
  basePace: number,
): { value: number | null; baseline: number | null; delta: number | null; z: number | null } {
  if (!finite(value) || !finite(baseline))
    return { value: null, baseline: null, delta: null, z: null };
  const delta = value - baseline;
  const sd = baseline > 0 && baseline < 1 ? Math.sqrt((baseline * (1 - baseline)) / basePace) : 0;
  return { value, baseline, delta, z: sd > 0 ? delta / sd : null };
}

function validate(sim: SimSummary, baseline: LeagueBaseline): string[] {
  const p: string[] = [];
  const d: DecompositionMeans = sim.decomposition;
  if (sim.sport !== baseline.sport) p.push(`sport ${sim.sport} vs baseline ${baseline.sport}`);
  if (!finite(sim.full.total.mean) || sim.full.total.mean <= 0)
    p.push('full.total.mean must be finite and > 0');
  if (!finite(d.pace) || d.pace <= 0) p.push('decomposition.pace must be finite and > 0');
  if (!finite(d.efficiency) || d.efficiency < 0)
    p.push('decomposition.efficiency must be finite and >= 0');
  if (!finite(baseline.totalMean) || baseline.totalMean <= 0)
    p.push('baseline.totalMean must be finite and > 0');
  if (!finite(baseline.pace) || baseline.pace <= 0) p.push('baseline.pace must be finite and > 0');
  if (!finite(baseline.paceSd) || baseline.paceSd <= 0)
    p.push('baseline.paceSd must be finite and > 0');
  if (!finite(baseline.efficiency) || baseline.efficiency < 0)
    p.push('baseline.efficiency must be finite and >= 0');
  if (!finite(baseline.efficiencySd) || baseline.efficiencySd <= 0)
    p.push('baseline.efficiencySd must be finite and > 0');
  return p;
}

/**
 * Decomposes one simulated game against the league baseline (R5).
 * @param config only `decomposition` thresholds are read.
 * @throws DecompositionInputError when any input is non-finite, a pace or SD is not positive,
 *   or the sports differ. Callers pass `null` decomposition downstream, which L1 blocks.
 */
export function decomposeGame(
  sim: SimSummary,
  baseline: LeagueBaseline,
  config: Pick<SafetyConfig, 'decomposition'> = DEFAULT_SAFETY_CONFIG,
): DecompositionResult {
  const problems = validate(sim, baseline);
  if (problems.length > 0) throw new DecompositionInputError(sim.gameId, problems);
  const { doubleCountingZ, outlierZ } = config.decomposition;
  const d = sim.decomposition;

  const projectedTotal = sim.full.total.mean;
  const p0 = baseline.pace;
  const p1 = d.pace;
  const e0 = baseline.totalMean / p0;
  const e1 = projectedTotal / p1;
  const paceContribution = ((p1 - p0) * (e0 + e1)) / 2;
  const efficiencyContribution = ((e1 - e0) * (p0 + p1)) / 2;

  const paceZ = (p1 - p0) / baseline.paceSd;
  const efficiencyZ = (d.efficiency - baseline.efficiency) / baseline.efficiencySd;
  const football = sim.sport === 'nfl' || sim.sport === 'ncaaf';
  const td = football
    ? rateVsBaseline(d.tdRate, baseline.tdRate, p0)
    : rateVsBaseline(undefined, undefined, p0);
  const fg = football
    ? rateVsBaseline(d.fgRate, baseline.fgRate, p0)
    : rateVsBaseline(undefined, undefined, p0);

  const flags: DecompositionFlag[] = [];
  // "Both parts push the same way and each exceeds its threshold": same-signed contributions
  // whose z-scores both lie beyond the threshold in that direction (inflation or deflation).
  const dir = Math.sign(paceContribution);
  if (
    dir !== 0 &&
    Math.sign(efficiencyContribution) === dir &&
    paceZ * dir > doubleCountingZ &&
    efficiencyZ * dir > doubleCountingZ
  )
    flags.push('DOUBLE_COUNTING_LIKELY');
  if (Math.abs(paceZ) > outlierZ) flags.push('PACE_OUTLIER');
  if (Math.abs(efficiencyZ) > outlierZ) flags.push('EFFICIENCY_OUTLIER');

  return {
    gameId: sim.gameId,
    sport: sim.sport,
    projectedTotal,
    baselineTotal: baseline.totalMean,
    totalDelta: projectedTotal - baseline.totalMean,
    pace: p1,
    paceBaseline: p0,
    paceDelta: p1 - p0,
    paceZ,
    efficiency: d.efficiency,
    efficiencyBaseline: baseline.efficiency,
    efficiencyDelta: d.efficiency - baseline.efficiency,
    efficiencyZ,
    tdRate: td.value,
    tdRateBaseline: td.baseline,
    tdRateDelta: td.delta,
    tdRateZ: td.z,
    fgRate: fg.value,
    fgRateBaseline: fg.baseline,
    fgRateDelta: fg.delta,
    fgRateZ: fg.z,
    paceContribution,
    efficiencyContribution,
    flags,
  };
}

/** {@link decomposeGame}, or the input problems that kept it from running. */
export type DecompositionOutcome =
  | { readonly ok: true; readonly result: DecompositionResult }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * {@link decomposeGame} that turns an input error into a value: the caller blocks that game
 * (DECOMPOSITION_INPUT_ERROR) instead of failing the whole slate after retries — retrying cannot
 * fix a NaN in one game's summary. Other errors (bugs) still throw.
 */
export function tryDecomposeGame(
  sim: SimSummary,
  baseline: LeagueBaseline,
  config: Pick<SafetyConfig, 'decomposition'> = DEFAULT_SAFETY_CONFIG,
): DecompositionOutcome {
  try {
    return { ok: true, result: decomposeGame(sim, baseline, config) };
  } catch (error) {
    if (error instanceof DecompositionInputError) return { ok: false, problems: error.problems };
    throw error;
  }
}
