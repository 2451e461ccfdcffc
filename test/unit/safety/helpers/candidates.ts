/** Test helpers that turn fake games into calibration candidates and slates. */
import { buildCandidate } from '../../../../core/safety/build-candidate';
import type { Candidate } from '../../../../core/safety/layers/candidate';
import {
  NEUTRAL_CALIBRATION_STATE,
  type CalibrationState,
} from '../../../../core/safety/layers/calibration-state';
import type { VarianceStats } from '../../../../core/safety/layers/l4-high-variance';
import type { SafetyConfig } from '../../../../core/safety/config';
import type { GameSafetyInput, SlateInputs } from '../../../../core/safety/slate-inputs';
import type { MarketKey, Sport } from '../../../../core/sports';

/** The candidate of `market` (first line) of a game, before any layer. Throws when blocked. */
export function candidateFor(
  game: GameSafetyInput,
  config: SafetyConfig,
  market: MarketKey = 'totals',
): Candidate {
  const m = game.markets.find((x) => x.market === market);
  if (!m) throw new Error(`no ${market} market in ${game.gameId}`);
  const mainTotal = game.markets.find((x) => x.market === 'totals')?.consensusPoint ?? null;
  const built = buildCandidate(m, { game, mainTotal, config });
  if (!built.ok) throw new Error(`candidate blocked: ${built.reasons.join(',')}`);
  return built.candidate;
}

/**
 * A model whose skill weight is fully earned (w = 1): tests of the layers' mechanics run the
 * engine's probabilities through unchanged by the skill weight, as before it existed. Tests of
 * the skill weight itself use NEUTRAL_CALIBRATION_STATE (prior 0) or their own weights.
 */
export const FULL_SKILL: NonNullable<CalibrationState['skillWeights']> = {
  total: { w: 1, n: 10_000, raw: 1, source: 'estimate', shift: 0, shiftN: 0, se: 0.01 },
  spread: { w: 1, n: 10_000, raw: 1, source: 'estimate', shift: 0, shiftN: 0, se: 0.01 },
};
export const TRUSTED_MODEL_STATE: CalibrationState = {
  ...NEUTRAL_CALIBRATION_STATE,
  skillWeights: FULL_SKILL,
};

/** Variance history where a total SD of `mean` is z = 0 (NFL-like defaults). */
export function varianceStats(mean = 10, sd = 1, n = 100): VarianceStats {
  return { totalSd: { mean, sd, n }, marginSd: null };
}

export function slate(
  sport: Sport,
  games: readonly GameSafetyInput[],
  over: {
    calibration?: CalibrationState;
    variance?: VarianceStats | null;
    slateDate?: string;
    publishedWindow?: SlateInputs['publishedWindow'];
  } = {},
): SlateInputs {
  return {
    sport,
    slateDate: over.slateDate ?? '2024-12-15',
    calibration: over.calibration ?? TRUSTED_MODEL_STATE,
    variance: over.variance === undefined ? varianceStats() : over.variance,
    games,
    ...(over.publishedWindow === undefined ? {} : { publishedWindow: over.publishedWindow }),
  };
}

/** Edge of side a in pp (pA − qA) × 100. */
export const edgeA = (c: Candidate): number => (c.pA - c.qA) * 100;
