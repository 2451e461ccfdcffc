/**
 * R7 L3 — market deviation penalty. When |projection − market centre| exceeds the sport's
 * threshold (scaled by the segment for derivative totals), the model disagrees with the market
 * by more than models are usually right about: the probability is compressed, confidence is
 * capped at `marketDeviation.confidenceCap` (60) and the line is parlay-ineligible.
 *
 * Compression: p' = q + (p − q)·0.5, i.e. toward the no-vig market probability q. For the usual
 * −110/−110 totals market q = 0.5 and this is exactly the SPEC's p' = 0.5 + (p − 0.5)·0.5; with a
 * juiced price, compressing toward 0.5 could create an edge on the other side, which a penalty
 * must never do, so the anchor is the market.
 */
import type { SafetyConfig } from '../config';
import { jsonNumber } from '../types';
import { addUnique, anchorOf, shrinkTowardMarket, withTrace, type Candidate } from './candidate';

export function applyMarketDeviation(c: Candidate, config: SafetyConfig): Candidate {
  const md = config.marketDeviation;
  const base = config.sports[c.sport].marketDeviationThreshold;
  const threshold = c.kind === 'total' ? base * c.segmentScale : base;
  const deviation = Math.abs(c.projection - c.marketCenter);
  const fired = deviation > threshold;
  const input = {
    projection: jsonNumber(c.projection),
    marketCenter: jsonNumber(c.marketCenter),
    deviation: jsonNumber(deviation),
    threshold: jsonNumber(threshold),
    pA: jsonNumber(c.pA),
    qA: jsonNumber(c.qA),
  };
  if (!fired)
    return withTrace(c, {
      layer: 'L3_MARKET_DEVIATION',
      input,
      output: { pA: jsonNumber(c.pA) },
      fired,
      detail: 'within threshold',
    });
  const pA = shrinkTowardMarket(c.pA, anchorOf(c), md.compression);
  const cap =
    c.confidenceCap === null ? md.confidenceCap : Math.min(c.confidenceCap, md.confidenceCap);
  return withTrace(
    {
      ...c,
      pA,
      confidenceCap: cap,
      parlayBlocked: true,
      softTriggers: addUnique(c.softTriggers, 'MARKET_DEVIATION'),
    },
    {
      layer: 'L3_MARKET_DEVIATION',
      input,
      output: { pA: jsonNumber(pA), confidenceCap: cap, parlayEligible: false },
      fired,
      detail: `|projection − market| ${deviation.toFixed(2)} > ${threshold.toFixed(2)}: probability compressed ×${md.compression}`,
    },
  );
}
