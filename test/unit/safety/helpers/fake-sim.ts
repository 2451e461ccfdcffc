/**
 * Test-only fabrication of engine output. A SimSummary is derived from normal distributions of
 * home and away points (integer scores via continuity correction), so safety tests do not
 * depend on the real engines.
 */
import { normCdf } from '../../../../core/safety/layers/normal';
import { checkRclForSummary } from '../../../../core/safety/rcl';
import { decomposeGame } from '../../../../core/safety/decomposition';
import type { SafetyConfig } from '../../../../core/safety/config';
import type { GameSafetyInput, VerifiedMarket } from '../../../../core/safety/slate-inputs';
import type {
  Distribution,
  LeagueBaseline,
  SegmentSummary,
  SimSummary,
  SpreadLineProbs,
  TotalLineProbs,
} from '../../../../core/simulation-types';
import type { MarketKey, Sport } from '../../../../core/sports';

/** League baselines roughly like the real leagues (scoring units; pace per game, both teams). */
export const BASELINES: Record<Sport, LeagueBaseline> = {
  nfl: {
    sport: 'nfl',
    games: 272,
    totalMean: 44,
    totalSd: 10,
    marginSd: 13.5,
    pace: 22,
    paceSd: 2,
    efficiency: 2.0,
    efficiencySd: 0.25,
    tdRate: 0.22,
    fgRate: 0.16,
  },
  ncaaf: {
    sport: 'ncaaf',
    games: 800,
    totalMean: 55,
    totalSd: 14,
    marginSd: 17,
    pace: 26,
    paceSd: 3,
    efficiency: 2.1,
    efficiencySd: 0.3,
    tdRate: 0.24,
    fgRate: 0.13,
  },
  nba: {
    sport: 'nba',
    games: 1230,
    totalMean: 225,
    totalSd: 14,
    marginSd: 13,
    pace: 200,
    paceSd: 6,
    efficiency: 1.125,
    efficiencySd: 0.04,
  },
  ncaab: {
    sport: 'ncaab',
    games: 5000,
    totalMean: 142,
    totalSd: 13,
    marginSd: 12,
    pace: 136,
    paceSd: 6,
    efficiency: 1.04,
    efficiencySd: 0.06,
  },
  mlb: {
    sport: 'mlb',
    games: 2430,
    totalMean: 8.8,
    totalSd: 2.2,
    marginSd: 4.3,
    pace: 17.5,
    paceSd: 0.6,
    efficiency: 0.5,
    efficiencySd: 0.06,
  },
  nhl: {
    sport: 'nhl',
    games: 1312,
    totalMean: 6.1,
    totalSd: 1.2,
    marginSd: 2.4,
    pace: 60,
    paceSd: 4,
    efficiency: 0.1,
    efficiencySd: 0.012,
  },
};

const Z = [-1.6449, -1.2816, -0.6745, 0, 0.6745, 1.2816, 1.6449] as const;

function dist(mean: number, sd: number): Distribution {
  return {
    mean,
    sd,
    quantiles: Z.map((z) => mean + z * sd) as unknown as Distribution['quantiles'],
  };
}

/** P(x > t), P(x < t), P(x = t) for an integer-valued x ≈ N(mean, sd). */
function probsAt(t: number, mean: number, sd: number): [number, number, number] {
  if (Number.isInteger(t)) {
    const lo = normCdf((t - 0.5 - mean) / sd);
    const hi = normCdf((t + 0.5 - mean) / sd);
    return [1 - hi, lo, hi - lo];
  }
  const c = normCdf((t - mean) / sd);
  return [1 - c, c, 0];
}

export interface FakeSegmentSpec {
  readonly homeMean: number;
  readonly awayMean: number;
  readonly totalSd: number;
  readonly marginSd: number;
  readonly totalLines: readonly number[];
  readonly spreadLines?: readonly number[];
  /** Offered team totals per side; each side's points ≈ N(side mean, totalSd / √2). */
  readonly teamTotalLines?: { readonly home: readonly number[]; readonly away: readonly number[] };
}

export function fakeSegment(segment: string, s: FakeSegmentSpec): SegmentSummary {
  const total = s.homeMean + s.awayMean;
  const margin = s.homeMean - s.awayMean;
  const totals: TotalLineProbs[] = s.totalLines.map((line) => {
    const [pOver, pUnder, pPush] = probsAt(line, total, s.totalSd);
    return { line, pOver, pUnder, pPush };
  });
  const spreads: SpreadLineProbs[] = (s.spreadLines ?? []).map((homeLine) => {
    const [pHomeCovers, pAwayCovers, pPush] = probsAt(-homeLine, margin, s.marginSd);
    return { homeLine, pHomeCovers, pAwayCovers, pPush };
  });
  const teamSd = s.totalSd / Math.SQRT2;
  const sideProbs = (mean: number, lines: readonly number[]): TotalLineProbs[] =>
    lines.map((line) => {
      const [pOver, pUnder, pPush] = probsAt(line, mean, teamSd);
      return { line, pOver, pUnder, pPush };
    });
  const tt = s.teamTotalLines;
  return {
    segment,
    home: dist(s.homeMean, teamSd),
    away: dist(s.awayMean, teamSd),
    total: dist(total, s.totalSd),
    margin: dist(margin, s.marginSd),
    totals,
    spreads,
    pHomeWin: 1 - normCdf(-margin / s.marginSd),
    ...(tt
      ? {
          teamTotals: {
            home: sideProbs(s.homeMean, tt.home),
            away: sideProbs(s.awayMean, tt.away),
          },
        }
      : {}),
  };
}

export interface FakeSimSpec extends FakeSegmentSpec {
  readonly gameId: string;
  readonly sport: Sport;
  /** Pace multiplier vs the baseline (1 = league pace). Efficiency follows from the total. */
  readonly paceFactor?: number;
  readonly mcStandardError?: number;
  readonly derivatives?: Partial<Record<MarketKey, FakeSegmentSpec>>;
}

export function fakeSim(spec: FakeSimSpec): SimSummary {
  const base = BASELINES[spec.sport];
  const total = spec.homeMean + spec.awayMean;
  const pace = base.pace * (spec.paceFactor ?? 1);
  const derivatives: Partial<Record<MarketKey, SegmentSummary>> = {};
  for (const [k, v] of Object.entries(spec.derivatives ?? {}))
    derivatives[k as MarketKey] = fakeSegment(k, v);
  const football = spec.sport === 'nfl' || spec.sport === 'ncaaf';
  return {
    gameId: spec.gameId,
    sport: spec.sport,
    iterations: 10_000,
    seed: 'test-seed',
    full: fakeSegment('full', spec),
    derivatives,
    decomposition: {
      pace,
      efficiency: total / pace,
      ...(football ? { tdRate: base.tdRate, fgRate: base.fgRate } : {}),
    },
    mcStandardError: spec.mcStandardError ?? 0.005,
  };
}

/** A clean verified market at −110/−110 (no-vig 0.5/0.5) unless overridden. */
export function verified(
  gameId: string,
  market: MarketKey,
  point: number | null,
  over: Partial<VerifiedMarket> = {},
): VerifiedMarket {
  return {
    gameId,
    market,
    lineKey: '',
    reasons: [],
    notes: [],
    consensusPoint: point,
    priceA: -110,
    priceB: -110,
    noVigA: 0.5,
    noVigB: 0.5,
    ...over,
  };
}

/** Game input with decomposition and RCL computed from the fake simulation. */
export function gameInput(
  sim: SimSummary,
  markets: readonly VerifiedMarket[],
  config: SafetyConfig,
  over: Partial<GameSafetyInput> = {},
): GameSafetyInput {
  const baseline = BASELINES[sim.sport];
  return {
    gameId: sim.gameId,
    sport: sim.sport,
    markets,
    sim,
    decomposition: decomposeGame(sim, baseline, config),
    rcl: checkRclForSummary(sim, baseline, config),
    ratingSamples: { home: 12, away: 12 },
    ...over,
  };
}

/** A typical NFL game: `total` split evenly, home favoured by `margin`. */
export function nflGame(
  gameId: string,
  total: number,
  line: number,
  config: SafetyConfig,
  opts: { margin?: number; totalSd?: number; spread?: number | null } = {},
): GameSafetyInput {
  const margin = opts.margin ?? 3;
  const spread = opts.spread === undefined ? -3 : opts.spread;
  const sim = fakeSim({
    gameId,
    sport: 'nfl',
    homeMean: (total + margin) / 2,
    awayMean: (total - margin) / 2,
    totalSd: opts.totalSd ?? 10,
    marginSd: 13.5,
    totalLines: [line],
    spreadLines: spread === null ? [] : [spread],
  });
  const markets = [
    verified(gameId, 'totals', line),
    ...(spread === null ? [] : [verified(gameId, 'spreads', spread)]),
  ];
  return gameInput(sim, markets, config);
}
