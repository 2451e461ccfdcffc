/**
 * Point-in-time offence/defence ratings (R3).
 *
 * Model, per season, in points per game at a neutral site:
 *   E[home pts] = μ + h/2 + off(home) − def(away),   E[away pts] = μ − h/2 + off(away) − def(home)
 * (h = 0 at neutral sites). μ, h, off and def are fitted by decay-weighted ridge least squares
 * (Gauss–Seidel sweeps): each game's weight halves every `halfLifeDays`, and each team is
 * shrunk toward its prior with `priorGames` pseudo-games, so small samples stay near the prior.
 * Seasons are chained: last season's end-of-season ratings, regressed toward 0 by
 * `seasonRegression`, are this season's prior; μ and h are anchored to last season's values with
 * `leaguePriorGames` pseudo-games (the first season to the engine's league average).
 *
 * No look-ahead: only games with commenceTime strictly before `asOf` and both scores present
 * are read, after sorting into a canonical order, so adding or editing any game at or after
 * `asOf` — or reordering the input — cannot change a single bit of the snapshot.
 */
import { ENGINES } from '../sim/engine';
import type { Sport } from '../sports';
import type { GameRecord, IsoInstant } from '../types';
import { validateRatingsConfig } from './config';
import type {
  ClosingLine,
  RatingsConfig,
  RatingsOptions,
  RatingsSnapshot,
  TeamRating,
} from './types';

const DAY_MS = 86_400_000;
const MAX_SWEEPS = 200;
const TOLERANCE = 1e-10;

/** A final game before as-of, in canonical order, with its blended observation. */
export interface UsedGame {
  readonly game: GameRecord;
  readonly time: number;
  /** Observed home/away points, blended with market-implied points when a quote exists. */
  readonly ph: number;
  readonly pa: number;
}

function parseInstant(s: IsoInstant, what: string): number {
  const t = Date.parse(s);
  if (!Number.isFinite(t)) throw new RangeError(`${what}: not an ISO instant: ${s}`);
  return t;
}

function validQuote(q: ClosingLine | undefined): q is ClosingLine {
  return (
    q !== undefined && Number.isFinite(q.total) && Number.isFinite(q.homeHandicap) && q.total > 0
  );
}

/**
 * The games a snapshot at `asOf` may use: same sport, final (both scores finite, ≥ 0),
 * commenceTime < asOf; sorted by (time, gameId).
 */
export function usableGames(
  sport: Sport,
  games: readonly GameRecord[],
  asOf: IsoInstant,
  config: RatingsConfig,
  quotes: Readonly<Record<string, ClosingLine>> = {},
): UsedGame[] {
  const cutoff = parseInstant(asOf, 'asOf');
  const out: UsedGame[] = [];
  for (const g of games) {
    if (g.sport !== sport) continue;
    const t = Date.parse(g.commenceTime);
    if (!Number.isFinite(t) || !(t < cutoff)) continue;
    const hs = g.homeScore;
    const as = g.awayScore;
    if (
      typeof hs !== 'number' ||
      typeof as !== 'number' ||
      !Number.isFinite(hs) ||
      !Number.isFinite(as) ||
      hs < 0 ||
      as < 0
    ) {
      continue;
    }
    const q = Object.prototype.hasOwnProperty.call(quotes, g.gameId) ? quotes[g.gameId] : undefined;
    let ph = hs;
    let pa = as;
    if (config.marketBlend > 0 && validQuote(q)) {
      // Market-implied team points: home = (total − handicap)/2, away = (total + handicap)/2.
      const b = config.marketBlend;
      ph = (1 - b) * hs + (b * (q.total - q.homeHandicap)) / 2;
      pa = (1 - b) * as + (b * (q.total + q.homeHandicap)) / 2;
    }
    out.push({ game: g, time: t, ph, pa });
  }
  out.sort(
    (x, y) =>
      x.time - y.time ||
      (x.game.gameId < y.game.gameId ? -1 : x.game.gameId > y.game.gameId ? 1 : 0),
  );
  return out;
}

interface SeasonFit {
  mu: number;
  h: number;
  off: Map<string, number>;
  def: Map<string, number>;
  weight: Map<string, number>;
  count: Map<string, number>;
}

interface Prior {
  mu: number;
  h: number;
  off: Map<string, number>;
  def: Map<string, number>;
}

/** Decay-weighted ridge fit of one season toward `prior`, weights relative to `refTime`. */
function fitSeason(
  games: readonly UsedGame[],
  refTime: number,
  prior: Prior,
  c: RatingsConfig,
): SeasonFit {
  const teams = [...new Set(games.flatMap((g) => [g.game.homeTeam, g.game.awayTeam]))].sort();
  const idx = new Map(teams.map((t, i) => [t, i]));
  const n = teams.length;
  const m = games.length;
  const hi = new Int32Array(m);
  const ai = new Int32Array(m);
  const w = new Float64Array(m);
  const nn = new Float64Array(m); // 1 at a home venue, 0 at a neutral site
  const ph = new Float64Array(m);
  const pa = new Float64Array(m);
  games.forEach((g, k) => {
    hi[k] = idx.get(g.game.homeTeam) ?? 0;
    ai[k] = idx.get(g.game.awayTeam) ?? 0;
    w[k] = Math.pow(0.5, Math.max(0, refTime - g.time) / DAY_MS / c.halfLifeDays);
    nn[k] = g.game.neutralSite ? 0 : 1;
    ph[k] = g.ph;
    pa[k] = g.pa;
  });
  const off = new Float64Array(n);
  const def = new Float64Array(n);
  const offPrior = new Float64Array(n);
  const defPrior = new Float64Array(n);
  teams.forEach((t, i) => {
    offPrior[i] = prior.off.get(t) ?? 0;
    defPrior[i] = prior.def.get(t) ?? 0;
    off[i] = offPrior[i] ?? 0;
    def[i] = defPrior[i] ?? 0;
  });
  const wTeam = new Float64Array(n);
  const count = new Int32Array(n);
  let wSum = 0;
  let wHome = 0;
  for (let k = 0; k < m; k++) {
    const wk = w[k] ?? 0;
    wTeam[hi[k] ?? 0] = (wTeam[hi[k] ?? 0] ?? 0) + wk;
    wTeam[ai[k] ?? 0] = (wTeam[ai[k] ?? 0] ?? 0) + wk;
    count[hi[k] ?? 0] = (count[hi[k] ?? 0] ?? 0) + 1;
    count[ai[k] ?? 0] = (count[ai[k] ?? 0] ?? 0) + 1;
    wSum += wk;
    wHome += wk * (nn[k] ?? 0);
  }
  let mu = prior.mu;
  let h = prior.h;
  const accO = new Float64Array(n);
  const accD = new Float64Array(n);
  const K = c.priorGames;
  const KL = c.leaguePriorGames;
  for (let sweep = 0; sweep < MAX_SWEEPS && m > 0; sweep++) {
    let change = 0;
    // League mean.
    let s = 0;
    for (let k = 0; k < m; k++) {
      const H = hi[k] ?? 0;
      const A = ai[k] ?? 0;
      s +=
        (w[k] ?? 0) *
        ((ph[k] ?? 0) -
          (off[H] ?? 0) +
          (def[A] ?? 0) +
          (pa[k] ?? 0) -
          (off[A] ?? 0) +
          (def[H] ?? 0));
    }
    const mu2 = (s + KL * prior.mu) / (2 * wSum + KL);
    change = Math.max(change, Math.abs(mu2 - mu));
    mu = mu2;
    // Home advantage from non-neutral games: E[ph − pa] − rating difference.
    s = 0;
    for (let k = 0; k < m; k++) {
      const H = hi[k] ?? 0;
      const A = ai[k] ?? 0;
      const rh = (ph[k] ?? 0) - mu - (off[H] ?? 0) + (def[A] ?? 0);
      const ra = (pa[k] ?? 0) - mu - (off[A] ?? 0) + (def[H] ?? 0);
      s += (w[k] ?? 0) * (nn[k] ?? 0) * (rh - ra);
    }
    const h2 = (s + KL * prior.h) / (wHome + KL);
    change = Math.max(change, Math.abs(h2 - h));
    h = h2;
    // Offence given defence.
    accO.fill(0);
    for (let k = 0; k < m; k++) {
      const H = hi[k] ?? 0;
      const A = ai[k] ?? 0;
      const half = ((nn[k] ?? 0) * h) / 2;
      const wk = w[k] ?? 0;
      accO[H] = (accO[H] ?? 0) + wk * ((ph[k] ?? 0) - mu - half + (def[A] ?? 0));
      accO[A] = (accO[A] ?? 0) + wk * ((pa[k] ?? 0) - mu + half + (def[H] ?? 0));
    }
    for (let i = 0; i < n; i++) {
      const v = ((accO[i] ?? 0) + K * (offPrior[i] ?? 0)) / ((wTeam[i] ?? 0) + K);
      change = Math.max(change, Math.abs(v - (off[i] ?? 0)));
      off[i] = v;
    }
    // Defence given offence.
    accD.fill(0);
    for (let k = 0; k < m; k++) {
      const H = hi[k] ?? 0;
      const A = ai[k] ?? 0;
      const half = ((nn[k] ?? 0) * h) / 2;
      const wk = w[k] ?? 0;
      accD[A] = (accD[A] ?? 0) + wk * (mu + half + (off[H] ?? 0) - (ph[k] ?? 0));
      accD[H] = (accD[H] ?? 0) + wk * (mu - half + (off[A] ?? 0) - (pa[k] ?? 0));
    }
    for (let i = 0; i < n; i++) {
      const v = ((accD[i] ?? 0) + K * (defPrior[i] ?? 0)) / ((wTeam[i] ?? 0) + K);
      change = Math.max(change, Math.abs(v - (def[i] ?? 0)));
      def[i] = v;
    }
    if (change < TOLERANCE) break;
  }
  const fit: SeasonFit = {
    mu,
    h,
    off: new Map(),
    def: new Map(),
    weight: new Map(),
    count: new Map(),
  };
  teams.forEach((t, i) => {
    fit.off.set(t, off[i] ?? 0);
    fit.def.set(t, def[i] ?? 0);
    fit.weight.set(t, wTeam[i] ?? 0);
    fit.count.set(t, count[i] ?? 0);
  });
  // Teams with only prior information keep their (regressed) prior.
  for (const [t, v] of prior.off) if (!fit.off.has(t)) fit.off.set(t, v);
  for (const [t, v] of prior.def) if (!fit.def.has(t)) fit.def.set(t, v);
  return fit;
}

/** Regression to the mean across `boundaries` season boundaries: keep (1 − r)^boundaries. */
function regress(fit: SeasonFit, r: number, boundaries: number): Prior {
  const keep = Math.pow(1 - r, boundaries);
  return {
    mu: fit.mu,
    h: fit.h,
    off: new Map([...fit.off].map(([t, v]) => [t, v * keep])),
    def: new Map([...fit.def].map(([t, v]) => [t, v * keep])),
  };
}

/**
 * Team ratings for `sport` as known at `asOf`.
 *
 * @param games any games (other sports, future games and games without scores are ignored)
 * @param asOf  only games with commenceTime < asOf are used
 * @param config see {@link RatingsConfig}; validated (RangeError on bad values)
 */
export function computeRatings(
  sport: Sport,
  games: readonly GameRecord[],
  asOf: IsoInstant,
  config: RatingsConfig,
  options: RatingsOptions = {},
): RatingsSnapshot {
  validateRatingsConfig(config);
  const used = usableGames(sport, games, asOf, config, options.quotes);
  const cutoff = parseInstant(asOf, 'asOf');
  const la = ENGINES[sport].leagueAverage;
  let prior: Prior = {
    mu: (la.homeExpected + la.awayExpected) / 2,
    h: la.homeExpected - la.awayExpected,
    off: new Map(),
    def: new Map(),
  };
  const lastSeason = used.length > 0 ? Math.max(...used.map((g) => g.game.season)) : null;
  const season = options.season ?? lastSeason;
  if (season === null) {
    return {
      sport,
      asOf,
      season: null,
      gamesUsed: 0,
      lastGameTime: null,
      leagueMean: prior.mu,
      homeAdvantage: prior.h,
      teams: {},
      config,
    };
  }
  // The lookback ends at the newest season with data: when the history stops seasons before
  // the slate (a live slate years after the last import), the last seasons we have still rate
  // the teams, regressed to the mean once per season boundary in between, instead of every
  // team falling back to the league average.
  const windowStart = season - config.lookbackSeasons + 1;
  const first =
    lastSeason !== null && lastSeason < windowStart
      ? lastSeason - config.lookbackSeasons + 1
      : windowStart;
  const inWindow = used.filter((g) => g.game.season >= first && g.game.season <= season);
  let fit: SeasonFit | null = null;
  let fitSeasonLabel: number | null = null;
  const totals = new Map<string, number>();
  for (let s = first; s <= season; s++) {
    const sg = inWindow.filter((g) => g.game.season === s);
    for (const g of sg) {
      totals.set(g.game.homeTeam, (totals.get(g.game.homeTeam) ?? 0) + 1);
      totals.set(g.game.awayTeam, (totals.get(g.game.awayTeam) ?? 0) + 1);
    }
    if (sg.length === 0 && s !== season) continue;
    if (fit) prior = regress(fit, config.seasonRegression, s - (fitSeasonLabel ?? s));
    // The current season is weighted relative to as-of; past seasons relative to their end.
    const ref = s === season ? cutoff : (sg[sg.length - 1]?.time ?? cutoff);
    fit = fitSeason(sg, ref, prior, config);
    fitSeasonLabel = s;
  }
  if (!fit) throw new Error('unreachable: current season always fitted');
  const teams: Record<string, TeamRating> = {};
  const names = [...new Set([...fit.off.keys(), ...totals.keys()])].sort();
  for (const t of names) {
    const gamesNow = fit.count.get(t) ?? 0;
    teams[t] = {
      team: t,
      offense: fit.off.get(t) ?? 0,
      defense: fit.def.get(t) ?? 0,
      games: gamesNow,
      effectiveGames: fit.weight.get(t) ?? 0,
      gamesTotal: totals.get(t) ?? 0,
      lowSample: gamesNow < config.minGames,
    };
  }
  const last = inWindow[inWindow.length - 1];
  return {
    sport,
    asOf,
    season,
    gamesUsed: inWindow.length,
    lastGameTime: last ? new Date(last.time).toISOString() : null,
    leagueMean: fit.mu,
    homeAdvantage: fit.h,
    teams,
    config,
  };
}
