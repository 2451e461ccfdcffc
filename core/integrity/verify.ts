/**
 * verify lines (SPEC R2 + R2b): decides per (game, market, lineKey) whether the bookmakers'
 * line is good enough to simulate against, and what the consensus line and no-vig prices are.
 *
 * Pipeline per line, each step narrowing the set of books:
 *   sport can price it? → any quote? → one quote per book → valid books (INVALID_LINE if none)
 *   → fresh books (STALE_LINE if none) → drop outliers → disagreement range → median consensus.
 * Pure: all times come from the input; results do not depend on quote order.
 */
import { isMarketKey, isSport, type MarketKey } from '../sports';
import type { BlockReason, MarketQuote } from '../types';
import { checkBookQuote, type BookCheck } from './book-checks';
import {
  DEFAULT_INTEGRITY_CONFIG,
  resolveIntegrityConfig,
  validateIntegrityConfig,
  type IntegrityConfig,
  type ResolvedIntegrityConfig,
} from './config';
import { compareStrings, dedupeBooks } from './dedupe-books';
import { IntegrityInputError } from './errors';
import {
  isFeaturedMarket,
  isMultiLineMarket,
  marketShape,
  sportPricesMarket,
  SINGLE_LINE_KEY,
} from './market-kinds';
import { ASSUMED_AMERICAN_PRICE, medianAmericanPrice, noVigProbabilities } from './odds-math';
import { findOutliers, median } from './stats';
import { isStale, parseInstant, stalenessReferenceMs } from './time';
import type { MarketVerdict, VerifyInput } from './verdict-types';

/**
 * Reasons that still block with ENABLE_MARKET_INTEGRITY off: with them there is no usable line
 * at all (R2b "no market = no pick" is not part of the R2 flag), so `ok` would be a lie that
 * only moves the failure downstream.
 */
const BLOCKS_EVEN_WHEN_DISABLED: ReadonlySet<BlockReason> = new Set<BlockReason>([
  'MISSING_LINE',
  'NO_MARKET',
  'INVALID_LINE',
  'INVALID_PAYLOAD',
  'UNKNOWN_TEAM',
]);

/** Run-level facts shared by every line of the game. */
interface GameContext {
  readonly gameId: string;
  readonly cfg: ResolvedIntegrityConfig;
  readonly asOfMs: number;
  readonly commenceMs: number | null;
  readonly commenceRaw: string;
  readonly live: boolean;
  readonly enabled: boolean;
}

/** Mutable accumulator for one verdict; frozen into a MarketVerdict by `finish`. */
class VerdictBuilder {
  readonly reasons = new Set<BlockReason>();
  readonly notes = new Set<string>();
  readonly detail: string[] = [];
  consensusPoint: number | null = null;
  priceA: number | null = null;
  priceB: number | null = null;
  noVigA: number | null = null;
  noVigB: number | null = null;
  books = 0;

  constructor(
    private readonly ctx: GameContext,
    private readonly market: MarketKey,
    private readonly lineKey: string,
  ) {}

  block(reason: BlockReason, why: string): void {
    this.reasons.add(reason);
    this.detail.push(why);
  }

  finish(): MarketVerdict {
    let reasons = [...this.reasons];
    if (!this.ctx.enabled) {
      this.notes.add('INTEGRITY_DISABLED');
      for (const r of reasons)
        if (!BLOCKS_EVEN_WHEN_DISABLED.has(r)) this.notes.add(`WOULD_BLOCK:${r}`);
      reasons = reasons.filter((r) => BLOCKS_EVEN_WHEN_DISABLED.has(r));
    }
    reasons.sort(compareStrings);
    return {
      gameId: this.ctx.gameId,
      market: this.market,
      lineKey: this.lineKey,
      ok: reasons.length === 0,
      reasons,
      notes: [...this.notes].sort(compareStrings),
      consensusPoint: this.consensusPoint,
      priceA: this.priceA,
      priceB: this.priceB,
      noVigA: this.noVigA,
      noVigB: this.noVigB,
      books: this.books,
      detail: this.detail,
    };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Splits usable books into fresh and stale (STALE_LINE when none is fresh). */
function applyStaleness(
  ctx: GameContext,
  v: VerdictBuilder,
  valid: readonly BookCheck[],
): BookCheck[] {
  const refMs = stalenessReferenceMs(ctx.asOfMs, ctx.commenceMs ?? ctx.asOfMs);
  const maxMin = ctx.cfg.maxLineAgeMs / 60_000;
  const fresh = valid.filter((b) => !isStale(b.lastUpdateMs, refMs, ctx.cfg.maxLineAgeMs));
  if (fresh.length === 0) {
    const newest = Math.max(...valid.map((b) => b.lastUpdateMs));
    v.block(
      'STALE_LINE',
      `all ${valid.length} books older than ${maxMin} min at ${iso(refMs)} (newest ${iso(newest)})`,
    );
    // Keep the stale consensus for the audit row; the verdict is blocked anyway.
    return [...valid];
  }
  for (const b of valid) {
    if (fresh.includes(b)) continue;
    v.notes.add(`STALE_BOOK_DROPPED:${b.book}`);
    v.detail.push(
      `book ${b.book}: line from ${iso(b.lastUpdateMs)} older than ${maxMin} min at ${iso(refMs)}`,
    );
  }
  return fresh;
}

/** Drops outlier books, then flags MARKET_DISAGREEMENT and sets the median consensus. */
function applyConsensusPoint(
  ctx: GameContext,
  v: VerdictBuilder,
  market: MarketKey,
  books: readonly BookCheck[],
): BookCheck[] {
  const points = books.map((b) => b.point as number);
  const split = findOutliers(points, ctx.cfg.outlierMadMultiplier, ctx.cfg.outlierMinDistance);
  const kept = books.filter((_, i) => !split.outlierIndexes.includes(i));
  for (const i of split.outlierIndexes) {
    const b = books[i] as BookCheck;
    v.notes.add(`OUTLIER_BOOK_DROPPED:${b.book}`);
    v.detail.push(
      `book ${b.book}: point ${String(b.point)} is ${Math.abs((b.point as number) - (split.center as number))} from median ${String(split.center)} (> ${String(split.threshold)})`,
    );
  }
  const keptPoints = kept.map((b) => b.point as number);
  const lo = Math.min(...keptPoints);
  const hi = Math.max(...keptPoints);
  if (hi - lo > ctx.cfg.disagreementTolerance) {
    v.block(
      'MARKET_DISAGREEMENT',
      `books' ${market} points range ${lo} to ${hi} (${hi - lo}) exceeds ${ctx.cfg.sport} tolerance ${ctx.cfg.disagreementTolerance}`,
    );
  }
  v.consensusPoint = median(keptPoints);
  return kept;
}

/** Median prices of books that priced both sides; −110/−110 (ASSUMED_PRICE) when none did. */
function applyPrices(v: VerdictBuilder, books: readonly BookCheck[]): void {
  const pairs = books.flatMap((b) => (b.prices ? [b.prices] : []));
  let a: number | null;
  let b: number | null;
  if (pairs.length === 0) {
    v.notes.add('ASSUMED_PRICE');
    a = ASSUMED_AMERICAN_PRICE;
    b = ASSUMED_AMERICAN_PRICE;
  } else {
    a = medianAmericanPrice(pairs.map((p) => p[0]));
    b = medianAmericanPrice(pairs.map((p) => p[1]));
  }
  if (a === null || b === null) return;
  const [noVigA, noVigB] = noVigProbabilities(a, b);
  v.priceA = a;
  v.priceB = b;
  v.noVigA = noVigA;
  v.noVigB = noVigB;
}

function verifyLine(
  ctx: GameContext,
  market: MarketKey,
  lineKey: string,
  quotes: readonly MarketQuote[],
): MarketVerdict {
  const v = new VerdictBuilder(ctx, market, lineKey);
  if (ctx.commenceMs === null) {
    v.block(
      'INVALID_PAYLOAD',
      `game commenceTime ${JSON.stringify(ctx.commenceRaw)} is not an ISO-8601 instant`,
    );
  } else if (ctx.live && ctx.asOfMs >= ctx.commenceMs) {
    v.block(
      'GAME_STARTED',
      `live run as of ${iso(ctx.asOfMs)}; game started at ${iso(ctx.commenceMs)}`,
    );
  }
  if (!sportPricesMarket(ctx.cfg.sport, market)) {
    v.block(
      'NO_MARKET',
      `${ctx.cfg.sport} cannot price ${market} (not among its derivative markets)`,
    );
    return v.finish();
  }
  if (quotes.length === 0) {
    if (isFeaturedMarket(market)) v.block('MISSING_LINE', `no bookmaker offers ${market}`);
    else
      v.block(
        'NO_MARKET',
        `no bookmaker quote for ${market}; derivative lines are never derived (R2b)`,
      );
    return v.finish();
  }

  const valid: BookCheck[] = [];
  for (const bq of dedupeBooks(quotes)) {
    if (bq.quote === null) {
      v.detail.push(`book ${bq.book}: ${bq.problem}`);
      v.notes.add(`INVALID_BOOK_DROPPED:${bq.book}`);
      continue;
    }
    const check = checkBookQuote(bq.quote, market, ctx.cfg);
    if (bq.remark !== null) v.detail.push(`book ${bq.book}: ${bq.remark}`);
    for (const r of check.remarks) v.detail.push(`book ${check.book}: ${r}`);
    if (check.problems.length > 0) {
      for (const p of check.problems) v.detail.push(`book ${check.book}: ${p}`);
      v.notes.add(`INVALID_BOOK_DROPPED:${check.book}`);
      continue;
    }
    valid.push(check);
  }
  if (valid.length === 0) {
    // Nothing was dropped in favour of anything: the whole market is invalid.
    for (const n of [...v.notes]) if (n.startsWith('INVALID_BOOK_DROPPED:')) v.notes.delete(n);
    v.block('INVALID_LINE', `no valid ${market} line among ${quotes.length} quotes`);
    return v.finish();
  }

  let used = applyStaleness(ctx, v, valid);
  if (marketShape(market) !== 'moneyline') used = applyConsensusPoint(ctx, v, market, used);
  applyPrices(v, used);
  v.books = used.length;
  return v.finish();
}

function validateInput(input: VerifyInput, config: IntegrityConfig): number {
  if (!isSport(input.game.sport)) {
    throw new IntegrityInputError(
      'INVALID_SPORT',
      `unknown sport ${JSON.stringify(input.game.sport)}`,
    );
  }
  validateIntegrityConfig(config);
  const asOfMs = parseInstant(input.asOf);
  if (asOfMs === null)
    throw new IntegrityInputError(
      'INVALID_AS_OF',
      `asOf ${JSON.stringify(input.asOf)} is not an ISO-8601 instant`,
    );
  for (const m of input.requestedMarkets) {
    if (!isMarketKey(m))
      throw new IntegrityInputError('INVALID_MARKET', `unknown market ${JSON.stringify(m)}`);
  }
  for (const q of input.quotes) {
    if (q.gameId !== input.game.gameId) {
      // Another game's quotes here would silently change this game's consensus.
      throw new IntegrityInputError(
        'GAME_ID_MISMATCH',
        `quote for ${q.gameId} passed with game ${input.game.gameId}`,
      );
    }
  }
  return asOfMs;
}

/** Groups the market's quotes into lines: by lineKey for multi-line markets, else one line. */
function linesOf(
  market: MarketKey,
  quotes: readonly MarketQuote[],
): Array<[string, MarketQuote[]]> {
  const mine = quotes.filter((q) => q.market === market);
  if (!isMultiLineMarket(market) || mine.length === 0) return [[SINGLE_LINE_KEY, mine]];
  const byKey = new Map<string, MarketQuote[]>();
  for (const q of mine) {
    const key = String(q.lineKey);
    byKey.set(key, [...(byKey.get(key) ?? []), q]);
  }
  return [...byKey.entries()].sort(([x], [y]) => compareStrings(x, y));
}

/**
 * Verifies every requested market of one game (SPEC R2, R2b). One verdict per single-line
 * market (lineKey ''), one per lineKey for alternate_totals / team_totals; sorted by
 * (market, lineKey). Bad data never throws: it yields a blocked verdict with detail.
 * @throws IntegrityInputError for caller bugs: unknown sport or market, unparsable asOf,
 *   invalid config, or a quote of another game.
 */
export function verifyGameLines(
  input: VerifyInput,
  config: IntegrityConfig = DEFAULT_INTEGRITY_CONFIG,
): MarketVerdict[] {
  const asOfMs = validateInput(input, config);
  const ctx: GameContext = {
    gameId: input.game.gameId,
    cfg: resolveIntegrityConfig(config, input.game.sport),
    asOfMs,
    commenceMs: parseInstant(input.game.commenceTime),
    commenceRaw: String(input.game.commenceTime),
    live: input.live,
    enabled: input.enabled,
  };
  const markets = [...new Set(input.requestedMarkets)].sort(compareStrings);
  const verdicts = markets.flatMap((market) =>
    linesOf(market, input.quotes).map(([lineKey, quotes]) =>
      verifyLine(ctx, market, lineKey, quotes),
    ),
  );
  return verdicts.sort(
    (x, y) => compareStrings(x.market, y.market) || compareStrings(x.lineKey, y.lineKey),
  );
}
