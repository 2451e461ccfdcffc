/**
 * One event's bookmaker markets → MarketQuote rows (sides per core/types.ts):
 * * totals and `totals_*` (1H, quarters, periods, F5): a = Over, b = Under, lineKey `''`.
 * * alternate_totals: one quote per (book, point), lineKey = `String(point)`.
 * * team_totals: one quote per (book, team, point), lineKey = `home:<point>` / `away:<point>`;
 *   the outcome `description` names the team.
 * * spreads: a = home, b = away, points as given (home −3.5 = home favoured), lineKey `''`.
 * * h2h: a = home, b = away prices, no points.
 * Market keys the pipeline does not price are ignored. Anything ambiguous (unknown outcome
 * names, a missing point, two quotes for the same book/market/line) is an issue that
 * quarantines the event: guessing a side would turn corrupt data into a confident pick.
 */
import {
  isMarketKey,
  isTotalsMarket,
  teamTotalLineKey,
  type MarketKey,
  type Sport,
} from '../sports';
import type { IsoInstant, MarketQuote } from '../types';
import { teamCodeOf } from './identity';
import type { PathIssue } from './issues';
import type { OddsEvent, OddsOutcome } from './schemas';

/** What the mapper needs to know about the event's game. */
export interface QuoteContext {
  readonly sport: Sport;
  readonly gameId: string;
  /** Season label of the game: outcome names are resolved as of it. */
  readonly season: number;
  /** History codes (see identity.ts). */
  readonly homeTeam: string;
  readonly awayTeam: string;
}

export interface MappedQuotes {
  readonly quotes: MarketQuote[];
  readonly issues: PathIssue[];
  /** Distinct market keys any bookmaker lists for the event (including ignored ones), sorted. */
  readonly marketsListed: string[];
}

type Path = readonly (string | number)[];

interface Side {
  readonly outcome: OddsOutcome;
  readonly index: number;
}

/** A two-sided line being assembled: side a and side b. */
interface Pair {
  a: Side | null;
  b: Side | null;
}

function toInstant(value: string): IsoInstant {
  return new Date(value).toISOString();
}

export function mapEventQuotes(event: OddsEvent, ctx: QuoteContext): MappedQuotes {
  const quotes: MarketQuote[] = [];
  const issues: PathIssue[] = [];
  const listed = new Set<string>();
  const seen = new Set<string>();

  const teamSide = (name: string): 'home' | 'away' | null => {
    const code = teamCodeOf(ctx.sport, name, ctx.season).code;
    return code === ctx.homeTeam ? 'home' : code === ctx.awayTeam ? 'away' : null;
  };

  event.bookmakers.forEach((book, bi) => {
    book.markets.forEach((market, mi) => {
      listed.add(market.key);
      if (!isMarketKey(market.key)) return;
      const key: MarketKey = market.key;
      const base: Path = ['bookmakers', bi, 'markets', mi];
      const lastUpdate = toInstant(market.last_update ?? book.last_update);
      const pairs = new Map<string, Pair>();
      const pairFor = (lineKey: string): Pair => {
        let pair = pairs.get(lineKey);
        if (!pair) {
          pair = { a: null, b: null };
          pairs.set(lineKey, pair);
        }
        return pair;
      };
      const place = (
        lineKey: string,
        side: 'a' | 'b',
        outcome: OddsOutcome,
        index: number,
      ): void => {
        const pair = pairFor(lineKey);
        if (pair[side] !== null) {
          issues.push({
            path: [...base, 'outcomes', index],
            message: `second "${outcome.name}" outcome${lineKey === '' ? '' : ` for line ${lineKey}`} (ambiguous)`,
          });
          return;
        }
        pair[side] = { outcome, index };
      };
      const needPoint = (outcome: OddsOutcome, index: number): number | null => {
        if (outcome.point === undefined) {
          issues.push({
            path: [...base, 'outcomes', index, 'point'],
            message: `required for ${key}`,
          });
          return null;
        }
        return outcome.point;
      };

      market.outcomes.forEach((outcome, oi) => {
        const at: Path = [...base, 'outcomes', oi];
        if (key === 'spreads' || key === 'h2h') {
          const side = teamSide(outcome.name);
          if (side === null) {
            issues.push({
              path: [...at, 'name'],
              message: `"${outcome.name}" is neither home_team nor away_team`,
            });
            return;
          }
          if (key === 'spreads' && needPoint(outcome, oi) === null) return;
          place('', side === 'home' ? 'a' : 'b', outcome, oi);
          return;
        }
        // Every other priced market is an over/under.
        const ou = outcome.name.trim().toLowerCase();
        if (ou !== 'over' && ou !== 'under') {
          issues.push({
            path: [...at, 'name'],
            message: `expected "Over" or "Under", got "${outcome.name}"`,
          });
          return;
        }
        const point = needPoint(outcome, oi);
        if (point === null) return;
        const side = ou === 'over' ? 'a' : 'b';
        if (key === 'alternate_totals') {
          place(String(point), side, outcome, oi);
        } else if (key === 'team_totals') {
          const team = outcome.description === undefined ? null : teamSide(outcome.description);
          if (team === null) {
            issues.push({
              path: [...at, 'description'],
              message:
                outcome.description === undefined
                  ? 'required for team_totals (the team)'
                  : `"${outcome.description}" is neither home_team nor away_team`,
            });
            return;
          }
          place(teamTotalLineKey(team, point), side, outcome, oi);
        } else if (isTotalsMarket(key)) {
          place('', side, outcome, oi);
        }
      });

      for (const [lineKey, pair] of pairs) {
        const natural = `${book.key}\u0000${key}\u0000${lineKey}`;
        if (seen.has(natural)) {
          issues.push({
            path: base,
            message: `second ${key} market${lineKey === '' ? '' : ` line ${lineKey}`} for bookmaker "${book.key}" (ambiguous)`,
          });
          continue;
        }
        seen.add(natural);
        const isH2h = key === 'h2h';
        quotes.push({
          gameId: ctx.gameId,
          bookmaker: book.key,
          market: key,
          lineKey,
          pointA: isH2h ? null : (pair.a?.outcome.point ?? null),
          priceA: pair.a?.outcome.price ?? null,
          pointB: isH2h ? null : (pair.b?.outcome.point ?? null),
          priceB: pair.b?.outcome.price ?? null,
          lastUpdate,
        });
      }
    });
  });

  return { quotes, issues, marketsListed: [...listed].sort() };
}
