/**
 * `npx tsx scripts/backtest-table.ts REPORT.json...`: the one table of docs/backtest.md from
 * `beatvegas report --json` files (one per sport): every issue-#20 target with its measured
 * value and whether it holds, then the figures behind them. Markdown on stdout.
 */
import fs from 'node:fs';
import { evaluateTargets, type BacktestReport, type TargetCheck } from '../core/report';
import { CONFIDENCE_MIN_N } from '../core/report/earned';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: tsx scripts/backtest-table.ts docs/backtest/report-*.json');
  process.exit(2);
}
const ORDER = ['nfl', 'ncaaf', 'nba', 'ncaab', 'mlb', 'nhl'];
const reports = files
  .map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as BacktestReport)
  .sort((a, b) => ORDER.indexOf(a.sport) - ORDER.indexOf(b.sport));

const pct = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`;
const num = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined ? '—' : v.toFixed(digits);
const signed = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined ? '—' : `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`;

/** ECE with the noise floor a calibrated forecaster would show on the same sample. */
const withFloor = (v: number | null, floor: number | null | undefined) =>
  `${num(v)}${floor == null ? '' : ` (floor ${num(floor, 3)})`}`;
const se = (x: BacktestReport['byState']['PICK']) => x.winRateSe ?? null;

/** The issue-#20 targets, in the order of the issue. */
const TARGETS: {
  id: string;
  label: string;
  fmt: (c: TargetCheck, r: BacktestReport) => string;
}[] = [
  {
    id: 'ece',
    label: 'totals: ECE of published P(over) ≤ 0.03',
    fmt: (c, r) => withFloor(c.value, r.eceNoise),
  },
  {
    id: 'brier',
    label: 'totals: Brier published − market ≤ +0.002',
    fmt: (c) => signed(c.value),
  },
  {
    id: 'overSharePublished',
    label: 'totals: published over share 45–58%',
    fmt: (c, r) =>
      c.value === null
        ? pct(c.value)
        : `${pct(c.value)} (n ${r.totals.picks}; SE at 50%: ${pct(Math.sqrt(0.25 / r.totals.picks))})`,
  },
  {
    id: 'avgDeviation',
    label:
      'totals: |avg deviation| of published projection (NFL/NCAAF ≤ 1, NBA/NCAAB ≤ 2, MLB/NHL ≤ 0.25)',
    fmt: (c) => signed(c.value, 2),
  },
  {
    id: 'oneSidedSlates',
    label: 'totals: slates with ≥ 6 published totals > 58% one side = 0',
    fmt: (c) => String(c.value ?? '—'),
  },
  {
    id: 'eceSpreads',
    label: 'spreads: ECE of published P(home covers) ≤ 0.03',
    fmt: (c, r) => withFloor(c.value, r.spreadsCalibration.eceNoise),
  },
  {
    id: 'brierSpreads',
    label: 'spreads: Brier published − market ≤ +0.002',
    fmt: (c) => signed(c.value),
  },
  {
    id: 'confidenceCalibrated',
    label: 'confidence: every bin with n ≥ 100 within ±3 pp',
    fmt: (c) => num(c.value, 3),
  },
  {
    id: 'pickBeatsLean',
    label: 'PICK win rate − LEAN win rate ≥ 0',
    fmt: (c, r) => {
      const a = se(r.byState.PICK);
      const b = se(r.byState.LEAN);
      return c.value === null || a === null || b === null
        ? signed(c.value, 3)
        : `${signed(c.value, 3)} ± ${Math.sqrt(a * a + b * b).toFixed(3)}`;
    },
  },
  {
    id: 'doubleCounting',
    label: 'DOUBLE_COUNTING_LIKELY fire rate < 10%',
    fmt: (c) => pct(c.value),
  },
];

/** `n, win rate ± SE (stated), ROI` of one state. */
const stateCell = (x: BacktestReport['byState']['PICK']) =>
  `${x.n}, ${pct(x.winRate)}${x.winRateSe == null ? '' : ` ± ${pct(x.winRateSe)}`}` +
  `${x.statedWinRate == null ? '' : ` (${pct(x.statedWinRate)})`}, ${pct(x.roiAtPrice)}`;

const mark = (c: TargetCheck | undefined, text: string) =>
  c === undefined
    ? '—'
    : c.status === 'pass'
      ? `${text} ✓`
      : c.status === 'miss'
        ? `**${text} ✗**`
        : `${text} (n/a)`;

const lines: string[] = [];
const header = ['', ...reports.map((r) => `${r.sport.toUpperCase()} ${r.from}…${r.to}`)];
lines.push(`| ${header.join(' | ')} |`);
lines.push(`|${header.map(() => '---').join('|')}|`);
const row = (label: string, cells: string[]) => lines.push(`| ${label} | ${cells.join(' | ')} |`);

const checks = reports.map((r) => new Map(evaluateTargets(r).map((c) => [c.id, c])));
for (const t of TARGETS)
  row(
    t.label,
    checks.map((m, i) => {
      const c = m.get(t.id);
      return mark(c, c ? t.fmt(c, reports[i]!) : '—');
    }),
  );
row(
  '**targets held / missed / n/a**',
  checks.map((m) => {
    const cs = TARGETS.map((t) => m.get(t.id)).filter((c): c is TargetCheck => c !== undefined);
    const n = (s: string) => cs.filter((c) => c.status === s).length;
    return `${n('pass')} / ${n('miss')} / ${n('n/a')}`;
  }),
);

const info: [string, (r: BacktestReport) => string][] = [
  ['games (simulated)', (r) => `${r.games} (${r.simulated})`],
  ['config hash (slate runs)', (r) => `\`${r.meta.configHashes.join(', ')}\``],
  [
    'totals Brier model / published / market',
    (r) => `${num(r.brier.model)} / ${num(r.brier.published)} / ${num(r.brier.market)}`,
  ],
  ['totals ECE model / market', (r) => `${num(r.eceModel)} / ${num(r.eceMarket)}`],
  [
    'spreads Brier model / published / market',
    (r) =>
      `${num(r.spreadsCalibration.brier.model)} / ${num(r.spreadsCalibration.brier.published)} / ${num(r.spreadsCalibration.brier.market)}`,
  ],
  [
    'spreads ECE model / market',
    (r) => `${num(r.spreadsCalibration.eceModel)} / ${num(r.spreadsCalibration.eceMarket)}`,
  ],
  [
    'skill weight totals / spreads (mean; last)',
    (r) =>
      `${num(r.skillWeight.totals.mean, 2)}; ${num(r.skillWeight.totals.last, 2)} / ${num(r.skillWeight.spreads.mean, 2)}; ${num(r.skillWeight.spreads.last, 2)}`,
  ],
  [
    'base-rate shift of Over / of home cover (mean, pp)',
    (r) =>
      `${signed(r.skillWeight.totals.shiftMean == null ? null : r.skillWeight.totals.shiftMean * 100, 2)} / ${signed(r.skillWeight.spreads.shiftMean == null ? null : r.skillWeight.spreads.shiftMean * 100, 2)}`,
  ],
  ...(['PICK', 'LEAN', 'NO_PLAY'] as const).map(
    (s) =>
      [
        `${s}: n, win rate ± SE (stated), ROI at price`,
        (r: BacktestReport) => stateCell(r.byState[s]),
      ] as [string, (r: BacktestReport) => string],
  ),
  [
    'held back, skill not established (NO_PLAY; LEAN at PICK bars): n, win rate ± SE (stated), ROI',
    (r) => (r.skillNotEstablished ? stateCell(r.skillNotEstablished) : '—'),
  ],
  [
    'confidence: worst bin (n ≥ 100) gap in standard errors',
    (r) => {
      const gaps = r.confidence
        .filter((b) => b.n >= CONFIDENCE_MIN_N && b.se > 0)
        .map((b) => Math.abs(b.predicted - b.observed) / b.se);
      return gaps.length === 0 ? '—' : `${Math.max(...gaps).toFixed(1)} SE`;
    },
  ],
  [
    'confidence: chance a perfectly calibrated forecaster passes ±3 pp on these bins',
    (r) => (r.confidencePassChance == null ? '—' : pct(r.confidencePassChance)),
  ],
  [
    'confidence: worst bin (n ≥ 100) per season',
    (r) =>
      r.bySeason
        .map((x) => `${x.season} ${x.confidenceMaxGap == null ? '—' : num(x.confidenceMaxGap, 3)}`)
        .join(', '),
  ],
  ['published totals (over share)', (r) => `${r.totals.picks} (${pct(r.totals.overShare)})`],
  [
    'PACE_OUTLIER / EFFICIENCY_OUTLIER fire rate',
    (r) =>
      `${pct(r.decomposition.paceOutlierShare)} / ${pct(r.decomposition.efficiencyOutlierShare)}`,
  ],
  [
    'DOUBLE_COUNTING lines: edge before → after (pp)',
    (r) =>
      `${r.decomposition.doubleCountingLines}: ${num(r.decomposition.doubleCountingEdgeBeforePp, 2)} → ${num(r.decomposition.doubleCountingEdgeAfterPp, 2)}`,
  ],
];
for (const [label, f] of info) row(label, reports.map(f));
console.log(lines.join('\n'));
