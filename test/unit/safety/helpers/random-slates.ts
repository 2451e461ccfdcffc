/** fast-check arbitraries for whole slates built from fake simulations. */
import fc from 'fast-check';
import type { SafetyConfig } from '../../../../core/safety/config';
import type { GameSafetyInput } from '../../../../core/safety/slate-inputs';
import { SPORTS, type Sport } from '../../../../core/sports';
import { BASELINES, fakeSim, gameInput, verified } from './fake-sim';

export interface GameSeed {
  /** Market total as a position in the league distribution, −1…1 SDs. */
  readonly lineZ: number;
  /** Home share of the true margin, −1…1 league margin SDs. */
  readonly marginZ: number;
  /** Multipliers on home and away expected points (the model's offensive bias). */
  readonly homeInflation: number;
  readonly awayInflation: number;
  /** Model noise on the total in league SDs (lets some games lean Under). */
  readonly noiseZ: number;
  readonly sdFactor: number;
  readonly paceFactor: number;
  readonly ratingGames: number;
  /** Over-side American price (under gets the mirror), −130…−100/+100… */
  readonly overPrice: number;
}

export interface SlateSeed {
  readonly sport: Sport;
  readonly games: readonly GameSeed[];
}

const snapHalf = (x: number): number => Math.round(x * 2) / 2;

/**
 * Games whose offence is inflated: `inflation` fixed (e.g. 1.2 = +20% for both teams) or a
 * range. The market is centred on the truth; the model is biased upward.
 */
export function slateSeed(opts: {
  inflation: number | [number, number];
  minGames?: number;
  maxGames?: number;
  sports?: readonly Sport[];
  noise?: number;
  juice?: boolean;
}): fc.Arbitrary<SlateSeed> {
  const infl =
    typeof opts.inflation === 'number'
      ? fc.constant(opts.inflation)
      : fc.double({ min: opts.inflation[0], max: opts.inflation[1], noNaN: true });
  const noise = opts.noise ?? 0.3;
  const game: fc.Arbitrary<GameSeed> = fc.record({
    lineZ: fc.double({ min: -1, max: 1, noNaN: true }),
    marginZ: fc.double({ min: -1, max: 1, noNaN: true }),
    homeInflation: infl,
    awayInflation: infl,
    noiseZ: fc.double({ min: -noise, max: noise, noNaN: true }),
    sdFactor: fc.double({ min: 0.85, max: 1.3, noNaN: true }),
    paceFactor: fc.double({ min: 0.95, max: 1.2, noNaN: true }),
    ratingGames: fc.integer({ min: 0, max: 20 }),
    overPrice: opts.juice ? fc.integer({ min: -130, max: -100 }) : fc.constant(-110),
  });
  return fc.record({
    sport: fc.constantFrom(...(opts.sports ?? SPORTS)),
    games: fc.array(game, { minLength: opts.minGames ?? 6, maxLength: opts.maxGames ?? 16 }),
  });
}

function implied(price: number): number {
  return price < 0 ? -price / (-price + 100) : 100 / (price + 100);
}

/** Mirror of an over price so the two sides carry ~4.5% vig. */
function underPrice(over: number): number {
  const p = 1.045 - implied(over);
  return p >= 0.5 ? Math.round((-100 * p) / (1 - p)) : Math.round((100 * (1 - p)) / p);
}

export function buildSlateGames(seed: SlateSeed, config: SafetyConfig): GameSafetyInput[] {
  const b = BASELINES[seed.sport];
  return seed.games.map((g, i) => {
    const gameId = `${seed.sport}:g${String(i).padStart(2, '0')}`;
    const line = snapHalf(b.totalMean + g.lineZ * b.totalSd);
    const trueTotal = line + g.noiseZ * b.totalSd;
    const trueMargin = g.marginZ * b.marginSd;
    const homeMean = ((trueTotal + trueMargin) / 2) * g.homeInflation;
    const awayMean = ((trueTotal - trueMargin) / 2) * g.awayInflation;
    const spread = -snapHalf(trueMargin);
    const sim = fakeSim({
      gameId,
      sport: seed.sport,
      homeMean,
      awayMean,
      totalSd: b.totalSd * g.sdFactor,
      marginSd: b.marginSd,
      totalLines: [line],
      spreadLines: [spread],
      paceFactor: g.paceFactor,
    });
    const oPrice = g.overPrice;
    const uPrice = underPrice(oPrice);
    const a = implied(oPrice);
    const q = a / (a + implied(uPrice));
    const markets = [
      verified(gameId, 'totals', line, {
        priceA: oPrice,
        priceB: uPrice,
        noVigA: q,
        noVigB: 1 - q,
      }),
      verified(gameId, 'spreads', spread),
    ];
    return gameInput(sim, markets, config, {
      ratingSamples: { home: g.ratingGames + 2, away: g.ratingGames },
    });
  });
}

/**
 * Defaults with the RCL opened up (10 SDs, any total) so that deliberately biased projections
 * reach the safety layers and the guard instead of stopping at R6.
 */
export function wideRclConfig(base: SafetyConfig): SafetyConfig {
  return {
    ...base,
    rcl: { maxBaselineSds: 10 },
    sports: Object.fromEntries(
      Object.entries(base.sports).map(([s, t]) => [s, { ...t, plausibleTotal: [0, 1000] }]),
    ) as unknown as SafetyConfig['sports'],
  };
}
