/**
 * Turns one verified market of one game into a calibration {@link Candidate}, or into the hard
 * reasons that keep it from being priced. Never derives a line or a market from another (R2b):
 * a derivative market is priced only from the engine's own output for that exact market — a
 * segment's total histogram for 1H/quarter/period/F5 totals, one side's own score histogram for
 * team totals — and a team total whose lineKey does not name a side is rejected, not guessed.
 */
import type { Distribution, SegmentSummary, SimSummary, TotalLineProbs } from '../simulation-types';
import { isTotalsMarket, teamTotalSide } from '../sports';
import type { SafetyConfig } from './config';
import type { Candidate, MarketKind } from './layers/candidate';
import { normCdf } from './layers/normal';
import type { GameSafetyInput, VerifiedMarket } from './slate-inputs';
import type { HardBlockReason, NonEmptyArray } from './types';

export type BuildResult =
  | { readonly ok: true; readonly candidate: Candidate }
  | {
      readonly ok: false;
      readonly reasons: NonEmptyArray<HardBlockReason>;
      readonly notes: readonly string[];
    };

const LINE_EPS = 1e-9;

/**
 * Market kind, or null for markets this stack does not price (h2h). Team totals are over/unders
 * of one side's points (side a = Over), so they are totals here.
 */
export function marketKind(market: VerifiedMarket['market']): MarketKind | null {
  if (market === 'spreads') return 'spread';
  if (isTotalsMarket(market) || market === 'team_totals') return 'total';
  return null;
}

interface SideProbs {
  readonly pA: number;
  readonly pB: number;
  readonly pPush: number;
  readonly approximated: boolean;
}

/**
 * P(a), P(b), P(push) at a line from a normal approximation of an integer-valued quantity
 * x ~ N(mean, sd): side a wins when x > threshold. Integer thresholds carry push mass
 * (continuity correction ±0.5); half-point ones do not.
 */
function normalAt(threshold: number, mean: number, sd: number): SideProbs {
  if (Number.isInteger(threshold)) {
    const lo = normCdf((threshold - 0.5 - mean) / sd);
    const hi = normCdf((threshold + 0.5 - mean) / sd);
    return { pA: 1 - hi, pB: lo, pPush: hi - lo, approximated: true };
  }
  const c = normCdf((threshold - mean) / sd);
  return { pA: 1 - c, pB: c, pPush: 0, approximated: true };
}

/**
 * The simulated quantity a line is priced on: its distribution (projection and SD, scoring
 * units) and side a/b/push probabilities at a line.
 */
interface PricedQuantity {
  /** Total of the game or segment, one side's points (team totals), or the home margin. */
  readonly dist: Distribution;
  readonly probsAt: (line: number) => SideProbs;
}

/**
 * One rule for every over/under (game, segment and team totals): the engine's exact
 * probabilities at the line, or — only if the engine was not asked for that line — a normal
 * approximation of the same distribution, flagged LINE_PROBS_APPROXIMATED.
 */
function overUnder(dist: Distribution, lines: readonly TotalLineProbs[]): PricedQuantity {
  return {
    dist,
    probsAt(line) {
      const hit = lines.find((t) => Math.abs(t.line - line) < LINE_EPS);
      if (hit) return { pA: hit.pOver, pB: hit.pUnder, pPush: hit.pPush, approximated: false };
      return normalAt(line, dist.mean, dist.sd);
    },
  };
}

function spreadOf(seg: SegmentSummary): PricedQuantity {
  return {
    dist: seg.margin,
    probsAt(homeLine) {
      const hit = seg.spreads.find((s) => Math.abs(s.homeLine - homeLine) < LINE_EPS);
      if (hit)
        return { pA: hit.pHomeCovers, pB: hit.pAwayCovers, pPush: hit.pPush, approximated: false };
      // Home covers when margin + homeLine > 0, i.e. margin > −homeLine.
      return normalAt(-homeLine, seg.margin.mean, seg.margin.sd);
    },
  };
}

/**
 * What the engine produced for this exact market and line, or undefined when it produced
 * nothing for it (→ UNPRICED_MARKET). Team totals need the side named by the lineKey and the
 * per-side probabilities the engine computes only when asked for team-total lines.
 */
function quantityFor(sim: SimSummary, m: VerifiedMarket): PricedQuantity | undefined {
  if (m.market === 'spreads') return spreadOf(sim.full);
  if (m.market === 'team_totals') {
    const side = teamTotalSide(m.lineKey);
    const lines = side === null ? undefined : sim.full.teamTotals?.[side];
    return side === null || lines === undefined ? undefined : overUnder(sim.full[side], lines);
  }
  if (!isTotalsMarket(m.market)) return undefined;
  const seg =
    m.market === 'totals' || m.market === 'alternate_totals' ? sim.full : sim.derivatives[m.market];
  return seg === undefined ? undefined : overUnder(seg.total, seg.totals);
}

/** Implied probability of an American price (vig included). */
function implied(price: number): number {
  return price < 0 ? -price / (-price + 100) : 100 / (price + 100);
}

export interface BuildContext {
  readonly game: GameSafetyInput;
  /** Consensus total of the game's main `totals` market, for alternate lines' L3 centre. */
  readonly mainTotal: number | null;
  readonly config: SafetyConfig;
}

export function buildCandidate(m: VerifiedMarket, ctx: BuildContext): BuildResult {
  const { game, config } = ctx;
  const notes: string[] = [...m.notes];
  const reasons = new Set<HardBlockReason>([...(game.gameReasons ?? []), ...m.reasons]);
  const kind = marketKind(m.market);
  if (kind === null) reasons.add('UNPRICED_MARKET');
  // A verified team total must say whose points it is about. (A NO_MARKET verdict has lineKey
  // '' by design: it already carries its reason.)
  const unattributed =
    m.market === 'team_totals' && m.reasons.length === 0 && teamTotalSide(m.lineKey) === null;
  if (unattributed) {
    reasons.add('UNATTRIBUTED_TEAM_TOTAL');
    notes.push(`TEAM_TOTAL_LINE_KEY:${JSON.stringify(m.lineKey)}`);
  }
  if (m.consensusPoint === null && reasons.size === 0) reasons.add('MISSING_LINE');

  const sim = game.sim;
  if (sim === null && reasons.size === 0) reasons.add('NO_SIMULATION');
  if (sim !== null) {
    if (game.rcl === null) {
      reasons.add('INCOMPLETE_INPUT');
      notes.push('RCL_NOT_COMPUTED');
    } else if (!game.rcl.passed) {
      reasons.add('RCL_FAIL');
      notes.push(`RCL: ${game.rcl.detail}`);
    }
  }
  const quantity = sim !== null && kind !== null ? quantityFor(sim, m) : undefined;
  if (sim !== null && kind !== null && quantity === undefined && !unattributed)
    reasons.add('UNPRICED_MARKET');

  const [first, ...rest] = [...reasons];
  if (
    first !== undefined ||
    sim === null ||
    quantity === undefined ||
    kind === null ||
    m.consensusPoint === null
  )
    return { ok: false, reasons: [first ?? 'INCOMPLETE_INPUT', ...rest], notes };

  const line = m.consensusPoint;
  const probs = quantity.probsAt(line);
  if (probs.approximated) notes.push('LINE_PROBS_APPROXIMATED');
  const decided = probs.pA + probs.pB;

  let priceA = m.priceA;
  let priceB = m.priceB;
  if (priceA === null || priceB === null) {
    priceA = priceA ?? config.assumedPrice;
    priceB = priceB ?? config.assumedPrice;
    if (!notes.includes('ASSUMED_PRICE')) notes.push('ASSUMED_PRICE');
  }
  let qA = m.noVigA;
  if (qA === null) {
    const a = implied(priceA);
    qA = a / (a + implied(priceB));
  }

  const marketCenter =
    kind === 'spread'
      ? -line
      : m.market === 'alternate_totals' && ctx.mainTotal !== null
        ? ctx.mainTotal
        : line;
  const projection = quantity.dist.mean;
  const samples = game.ratingSamples;
  const candidate: Candidate = {
    gameId: game.gameId,
    sport: game.sport,
    market: m.market,
    lineKey: m.lineKey,
    kind,
    line,
    marketCenter,
    segmentScale: kind === 'total' ? quantity.dist.mean / sim.full.total.mean : 1,
    projectionRaw: projection,
    projection,
    sd: quantity.dist.sd,
    fullTotalSd: sim.full.total.sd,
    fullMarginSd: sim.full.margin.sd,
    pPush: probs.pPush,
    pARaw: decided > 0 ? probs.pA / decided : Number.NaN,
    pA: decided > 0 ? probs.pA / decided : Number.NaN,
    pAModel: decided > 0 ? probs.pA / decided : Number.NaN,
    skillWeight: null,
    qA,
    priceA,
    priceB,
    ratingSample: samples === null ? null : Math.min(samples.home, samples.away),
    mcStandardError: sim.mcStandardError,
    decompositionFlags: game.decomposition === null ? null : game.decomposition.flags,
    varianceZ: null,
    hardReasons: [],
    softTriggers: [],
    adjustments: [],
    confidenceCap: null,
    parlayBlocked: false,
    notes,
    layers: [],
    gates: null,
  };
  return { ok: true, candidate };
}
