/**
 * Turns one verified market of one game into a calibration {@link Candidate}, or into the hard
 * reasons that keep it from being priced. Never derives a line or a market from another (R2b):
 * a derivative market is priced only from the engine's own segment for that exact market.
 */
import type { SegmentSummary, SimSummary } from '../simulation-types';
import { isTotalsMarket } from '../sports';
import type { SafetyConfig } from './config';
import type { Candidate, MarketKind } from './calibration/candidate';
import { normCdf } from './calibration/normal';
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

/** Market kind, or null for markets this stack does not price (h2h, team_totals). */
export function marketKind(market: VerifiedMarket['market']): MarketKind | null {
  if (market === 'spreads') return 'spread';
  if (isTotalsMarket(market)) return 'total';
  return null;
}

function segmentFor(sim: SimSummary, market: VerifiedMarket['market']): SegmentSummary | undefined {
  if (market === 'totals' || market === 'alternate_totals' || market === 'spreads') return sim.full;
  return sim.derivatives[market];
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

function totalProbs(seg: SegmentSummary, line: number): SideProbs {
  const hit = seg.totals.find((t) => Math.abs(t.line - line) < LINE_EPS);
  if (hit) return { pA: hit.pOver, pB: hit.pUnder, pPush: hit.pPush, approximated: false };
  return normalAt(line, seg.total.mean, seg.total.sd);
}

function spreadProbs(seg: SegmentSummary, homeLine: number): SideProbs {
  const hit = seg.spreads.find((s) => Math.abs(s.homeLine - homeLine) < LINE_EPS);
  if (hit)
    return { pA: hit.pHomeCovers, pB: hit.pAwayCovers, pPush: hit.pPush, approximated: false };
  // Home covers when margin + homeLine > 0, i.e. margin > −homeLine.
  return normalAt(-homeLine, seg.margin.mean, seg.margin.sd);
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
  const seg = sim !== null ? segmentFor(sim, m.market) : undefined;
  if (sim !== null && kind !== null && seg === undefined) reasons.add('UNPRICED_MARKET');

  const [first, ...rest] = [...reasons];
  if (
    first !== undefined ||
    sim === null ||
    seg === undefined ||
    kind === null ||
    m.consensusPoint === null
  )
    return { ok: false, reasons: [first ?? 'INCOMPLETE_INPUT', ...rest], notes };

  const line = m.consensusPoint;
  const probs = kind === 'total' ? totalProbs(seg, line) : spreadProbs(seg, line);
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
  const projection = kind === 'total' ? seg.total.mean : seg.margin.mean;
  const samples = game.ratingSamples;
  const candidate: Candidate = {
    gameId: game.gameId,
    sport: game.sport,
    market: m.market,
    lineKey: m.lineKey,
    kind,
    line,
    marketCenter,
    segmentScale: kind === 'total' ? seg.total.mean / sim.full.total.mean : 1,
    projectionRaw: projection,
    projection,
    sd: kind === 'total' ? seg.total.sd : seg.margin.sd,
    fullTotalSd: sim.full.total.sd,
    fullMarginSd: sim.full.margin.sd,
    pPush: probs.pPush,
    pARaw: decided > 0 ? probs.pA / decided : Number.NaN,
    pA: decided > 0 ? probs.pA / decided : Number.NaN,
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
