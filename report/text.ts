/**
 * `beatvegas report` without `--json`: a plain-text summary for a terminal, one line per SPEC §6
 * target (the JSON document is the contract; this is for humans).
 */
import { evaluateTargets, type BacktestReport, type StateResult } from '../core/report';
import { pct, signed } from './charts';

const share = (v: number | null): string => (v === null ? '—' : pct(v, 1));
const num = (v: number | null, digits = 3): string => (v === null ? '—' : v.toFixed(digits));

/** `n won w% (stated s%)` of one state's graded lines. */
function stateLine(name: string, x: StateResult | undefined): string {
  if (!x || x.n === 0) return `${name} 0`;
  return `${name} ${x.n} won ${share(x.winRate)} (stated ${share(x.statedWinRate ?? null)})`;
}

export function formatReportText(r: BacktestReport): string {
  const lines = [
    `${r.sport} ${r.from} → ${r.to}: ${r.games} games, ${r.simulated} simulated, ${r.meta.runs} run(s)`,
    `blocked ${share(r.blockedShare)} · PICK ${share(r.states.PICK)} · LEAN ${share(r.states.LEAN)} · NO_PLAY ${share(r.states.NO_PLAY)}`,
    `totals: ${r.totals.picks} picks, over ${share(r.totals.overShare)}, win ${share(r.totals.winRate)}, ROI ${r.totals.roiAtPrice === null ? '—' : signed(r.totals.roiAtPrice, 3)}`,
    `spreads: ${r.spreads.picks} picks, home ${share(r.spreads.overShare)}, win ${share(r.spreads.winRate)}, ROI ${r.spreads.roiAtPrice === null ? '—' : signed(r.spreads.roiAtPrice, 3)}`,
    `deviation ${num(r.avgDeviation, 2)} (|·| ${num(r.meanAbsDeviation, 2)}) · bias vs actual ${num(r.biasVsActual, 2)} · Brier ${num(r.brier.model, 4)} vs market ${num(r.brier.market, 4)} · ECE ${num(r.ece, 4)}`,
    `earned: ${stateLine('PICK', r.byState.PICK)} · ${stateLine('LEAN', r.byState.LEAN)} · ${stateLine('held back', r.skillNotEstablished)}`,
    `confidence: worst bin (n ≥ 100) ${num(r.confidenceMaxGap)} · a perfectly calibrated forecaster passes ±3 pp on these bins ${share(r.confidencePassChance ?? null)} of the time`,
    '',
    ...evaluateTargets(r).map(
      (c) =>
        `${c.status === 'pass' ? 'PASS' : c.status === 'miss' ? 'MISS' : 'n/a '}  ${c.label} (${c.target})`,
    ),
  ];
  return lines.join('\n');
}
