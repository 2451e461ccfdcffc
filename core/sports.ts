/**
 * Per-sport constants from SPEC §2. Values marked *default* in the spec are configuration and
 * are read through {@link ./config} so that changing them changes the config hash; this module
 * only holds the sport catalogue and its locked defaults.
 */

/** Every sport the pipeline prices, in the order the daily job walks them. */
export const SPORTS = ['nfl', 'ncaaf', 'nba', 'ncaab', 'mlb', 'nhl'] as const;
export type Sport = (typeof SPORTS)[number];

/** Type guard used by the CLI and activity input validation. */
export function isSport(value: unknown): value is Sport {
  return typeof value === 'string' && (SPORTS as readonly string[]).includes(value);
}

/** Markets with a bookmaker line; featured ones come from `/odds`, the rest per event. */
export const FEATURED_MARKETS = ['h2h', 'spreads', 'totals'] as const;
export const DERIVATIVE_MARKETS = [
  'totals_h1',
  'totals_q1',
  'totals_q2',
  'totals_q3',
  'totals_q4',
  'totals_p1',
  'totals_p2',
  'totals_p3',
  'totals_1st_5_innings',
  'alternate_totals',
  'team_totals',
] as const;
export type FeaturedMarket = (typeof FEATURED_MARKETS)[number];
export type DerivativeMarket = (typeof DERIVATIVE_MARKETS)[number];
export type MarketKey = FeaturedMarket | DerivativeMarket;

export function isMarketKey(value: unknown): value is MarketKey {
  return (
    typeof value === 'string' &&
    ((FEATURED_MARKETS as readonly string[]).includes(value) ||
      (DERIVATIVE_MARKETS as readonly string[]).includes(value))
  );
}

/** True for markets that are "over/under a number of points" (a = over, b = under). */
export function isTotalsMarket(market: MarketKey): boolean {
  return market === 'totals' || market.startsWith('totals_') || market === 'alternate_totals';
}

/** The team whose own points a `team_totals` line is about. */
export type TeamSide = 'home' | 'away';

/**
 * lineKey of one `team_totals` line: `home:<point>` / `away:<point>`, e.g. `home:25.5` (one
 * verdict per team and point, see core/integrity). The only producer is the Odds API mapping.
 */
export function teamTotalLineKey(side: TeamSide, point: number): string {
  return `${side}:${point}`;
}

/**
 * The side a `team_totals` lineKey names: `home:<point>` / `away:<point>` with a finite point,
 * or a bare `home` / `away`. Anything else (another case, a team name, a missing or non-numeric
 * point) is null: a line that cannot be attributed is rejected, never guessed.
 */
export function teamTotalSide(lineKey: string): TeamSide | null {
  const sep = lineKey.indexOf(':');
  const head = sep < 0 ? lineKey : lineKey.slice(0, sep);
  if (head !== 'home' && head !== 'away') return null;
  if (sep < 0) return head;
  const point = lineKey.slice(sep + 1);
  return point !== '' && point.trim() === point && Number.isFinite(Number(point)) ? head : null;
}

/** Static description of one sport. Points are in the sport's scoring unit (pts, runs, goals). */
export interface SportInfo {
  readonly sport: Sport;
  /** The Odds API v4 sport key. */
  readonly oddsApiKey: string;
  readonly label: string;
  /** R7 L2 clamp: |bias| above this shifts projections (scoring units). Locked per sport. */
  readonly clamp: number;
  /** R7 L2 over-rate band as fractions [lo, hi]. Locked per sport. */
  readonly overRateBand: readonly [number, number];
  /** R7 L3 |projection − consensus| above this compresses the probability (scoring units). */
  readonly marketDeviationThreshold: number;
  /** R6 / R2 plausible full-game total range [lo, hi] (scoring units). */
  readonly plausibleTotal: readonly [number, number];
  /** R2 INVALID_LINE: |spread| above this is not a real line (scoring units). */
  readonly maxSpread: number;
  /** R2 MARKET_DISAGREEMENT: max spread of books' points after outliers (scoring units). */
  readonly disagreementTolerance: number;
  /** Derivative markets the sport's engine can price (R2b: only with a real line). */
  readonly derivativeMarkets: readonly DerivativeMarket[];
}

export const SPORT_INFO: Readonly<Record<Sport, SportInfo>> = {
  nfl: {
    sport: 'nfl',
    oddsApiKey: 'americanfootball_nfl',
    label: 'NFL',
    clamp: 1.0,
    overRateBand: [0.45, 0.58],
    marketDeviationThreshold: 6.0,
    plausibleTotal: [28, 65],
    maxSpread: 30,
    disagreementTolerance: 2.0,
    derivativeMarkets: ['totals_h1', 'alternate_totals', 'team_totals'],
  },
  ncaaf: {
    sport: 'ncaaf',
    oddsApiKey: 'americanfootball_ncaaf',
    label: 'NCAA FB',
    clamp: 1.5,
    overRateBand: [0.45, 0.58],
    marketDeviationThreshold: 9.0,
    plausibleTotal: [30, 90],
    maxSpread: 60,
    disagreementTolerance: 3.0,
    derivativeMarkets: ['totals_h1', 'alternate_totals', 'team_totals'],
  },
  nba: {
    sport: 'nba',
    oddsApiKey: 'basketball_nba',
    label: 'NBA',
    clamp: 2.0,
    overRateBand: [0.45, 0.58],
    marketDeviationThreshold: 8.0,
    plausibleTotal: [180, 270],
    maxSpread: 30,
    disagreementTolerance: 3.0,
    derivativeMarkets: [
      'totals_h1',
      'totals_q1',
      'totals_q2',
      'totals_q3',
      'totals_q4',
      'alternate_totals',
      'team_totals',
    ],
  },
  ncaab: {
    sport: 'ncaab',
    oddsApiKey: 'basketball_ncaab',
    label: 'NCAA BB',
    clamp: 1.5,
    overRateBand: [0.45, 0.58],
    marketDeviationThreshold: 8.0,
    plausibleTotal: [100, 185],
    maxSpread: 45,
    disagreementTolerance: 3.0,
    derivativeMarkets: ['totals_h1', 'alternate_totals', 'team_totals'],
  },
  mlb: {
    sport: 'mlb',
    oddsApiKey: 'baseball_mlb',
    label: 'MLB',
    clamp: 0.25,
    overRateBand: [0.45, 0.58],
    marketDeviationThreshold: 1.5,
    plausibleTotal: [4, 16],
    maxSpread: 4.5,
    disagreementTolerance: 1.0,
    derivativeMarkets: ['totals_1st_5_innings', 'alternate_totals', 'team_totals'],
  },
  nhl: {
    sport: 'nhl',
    oddsApiKey: 'icehockey_nhl',
    label: 'NHL',
    clamp: 0.15,
    overRateBand: [0.45, 0.58],
    marketDeviationThreshold: 1.0,
    plausibleTotal: [3.5, 9],
    maxSpread: 3.5,
    disagreementTolerance: 1.0,
    derivativeMarkets: ['totals_p1', 'totals_p2', 'totals_p3', 'alternate_totals', 'team_totals'],
  },
};

/** Finds a sport by its Odds API key (e.g. `americanfootball_nfl`). */
export function sportFromOddsApiKey(key: string): Sport | undefined {
  return SPORTS.find((s) => SPORT_INFO[s].oddsApiKey === key);
}
