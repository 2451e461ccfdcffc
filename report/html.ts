/**
 * `beatvegas report --html PATH`: one self-contained HTML page (inline CSS and SVG, no script,
 * no network) with the SPEC §6 KPI table and the report's charts. Every text from the data is
 * escaped; every chart is titled with the model and config hash of the runs it shows.
 */
import {
  evaluateTargets,
  type BacktestReport,
  type MarketSummary,
  type ReportExtra,
  type TargetCheck,
} from '../core/report';
import { SPORT_INFO } from '../core/sports';
import {
  deviationHistogram,
  horizontalBars,
  overShareChart,
  pct,
  reliabilityChart,
  signed,
  unitsChart,
} from './charts';
import { esc } from './svg';

/** Short form of the hashes stamped on the chosen runs (12 hex digits, like a git short SHA). */
export function shortHashes(hashes: readonly string[]): string {
  if (hashes.length === 0) return 'unstamped';
  const first = hashes[0]!.slice(0, 12);
  return hashes.length === 1 ? first : `${first} +${hashes.length - 1} more`;
}

const fmtShare = (v: number | null): string => (v === null ? '—' : pct(v, 1));
const fmtNum = (v: number | null, digits = 2): string => (v === null ? '—' : v.toFixed(digits));
const fmtSigned = (v: number | null, digits = 2): string => (v === null ? '—' : signed(v, digits));

function fmtTarget(c: TargetCheck): string {
  if (c.value === null) return '—';
  switch (c.unit) {
    case 'share':
      return pct(c.value, 1);
    case 'points':
      return `${signed(c.value, 2)} pts`;
    case 'probability':
      return c.id === 'brier' ? signed(c.value, 4) : c.value.toFixed(4);
    case 'count':
      return String(c.value);
  }
}

const MARK: Record<TargetCheck['status'], string> = {
  pass: '<span class="pass">✓ pass</span>',
  miss: '<span class="miss">✗ miss</span>',
  'n/a': '<span class="na">– n/a</span>',
};

function kpiTable(report: BacktestReport): string {
  const rows = evaluateTargets(report)
    .map(
      (c) =>
        `<tr class="kpi ${c.status === 'n/a' ? 'na' : c.status}"><td>${esc(c.label)}</td><td>${esc(c.target)}</td>` +
        `<td class="num">${esc(fmtTarget(c))}</td><td>${MARK[c.status]}${c.note ? ` <small>${esc(c.note)}</small>` : ''}</td><td>${esc(c.source)}</td></tr>`,
    )
    .join('');
  return `<table class="kpis"><thead><tr><th>SPEC §6 target</th><th>target</th><th>value</th><th>result</th><th>source</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function marketRow(name: string, m: MarketSummary, sideA: string): string {
  return (
    `<tr><td>${esc(name)}</td><td class="num">${m.picks}</td><td class="num">${esc(fmtShare(m.overShare))} <small>${esc(sideA)}</small></td>` +
    `<td class="num">${esc(fmtShare(m.winRate))}</td><td class="num">${esc(fmtShare(m.pushRate))}</td><td class="num">${esc(fmtSigned(m.roiAtPrice, 3))}</td></tr>`
  );
}

function summaryTables(r: BacktestReport): string {
  const facts: [string, string][] = [
    ['games', String(r.games)],
    ['simulated', String(r.simulated)],
    [
      'blocked share (games)',
      `${fmtShare(r.blockedShare)} (${r.meta.gamesBlocked}/${r.meta.gamesCovered})`,
    ],
    ['blocked share (markets)', fmtShare(r.meta.marketsBlockedShare)],
    [
      'states PICK / LEAN / NO_PLAY',
      `${fmtShare(r.states.PICK)} / ${fmtShare(r.states.LEAN)} / ${fmtShare(r.states.NO_PLAY)} of ${r.meta.auditRows}`,
    ],
    [
      'avg deviation (raw − market)',
      `${fmtSigned(r.avgDeviation)} pts (n=${r.meta.deviationSample})`,
    ],
    ['mean |deviation|', `${fmtNum(r.meanAbsDeviation)} pts`],
    ['bias vs actual (raw)', `${fmtSigned(r.biasVsActual)} pts (n=${r.meta.biasSample})`],
    ['double counting', `${fmtShare(r.doubleCountingShare)} of ${r.meta.decompositionLogs}`],
    [
      'Brier totals: model / published / market',
      `${fmtNum(r.brier.model, 4)} / ${fmtNum(r.brier.published, 4)} / ${fmtNum(r.brier.market, 4)} (n=${r.meta.brierSample}, pushes ${r.meta.brierPushes})`,
    ],
    [
      'ECE totals: published / model / market',
      `${fmtNum(r.ece, 4)} / ${fmtNum(r.eceModel, 4)} / ${fmtNum(r.eceMarket, 4)}`,
    ],
    [
      'Brier spreads: model / published / market',
      `${fmtNum(r.spreadsCalibration.brier.model, 4)} / ${fmtNum(r.spreadsCalibration.brier.published, 4)} / ${fmtNum(r.spreadsCalibration.brier.market, 4)} (n=${r.spreadsCalibration.n})`,
    ],
    [
      'ECE spreads: published / model / market',
      `${fmtNum(r.spreadsCalibration.ece, 4)} / ${fmtNum(r.spreadsCalibration.eceModel, 4)} / ${fmtNum(r.spreadsCalibration.eceMarket, 4)}`,
    ],
    [
      'Confidence: worst bin (n ≥ 100) / chance a calibrated forecaster passes ±3 pp',
      `${fmtNum(r.confidenceMaxGap, 3)} / ${r.confidencePassChance == null ? '—' : pct(r.confidencePassChance, 0)}`,
    ],
    [
      'Skill weight totals / spreads (mean, newest)',
      `${fmtNum(r.skillWeight.totals.mean, 3)}, ${fmtNum(r.skillWeight.totals.last, 3)} / ${fmtNum(r.skillWeight.spreads.mean, 3)}, ${fmtNum(r.skillWeight.spreads.last, 3)}`,
    ],
    [
      'Decomposition: double counting / pace outliers',
      `${r.decomposition.doubleCountingShare === null ? '—' : pct(r.decomposition.doubleCountingShare, 1)} / ${r.decomposition.paceOutlierShare === null ? '—' : pct(r.decomposition.paceOutlierShare, 1)}; flagged edge ${fmtNum(r.decomposition.doubleCountingEdgeBeforePp, 2)} → ${fmtNum(r.decomposition.doubleCountingEdgeAfterPp, 2)} pp`,
    ],
  ];
  const factRows = facts.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  const markets =
    `<table class="markets"><thead><tr><th>market</th><th>picks</th><th>side-A share</th><th>win rate</th><th>push rate</th><th>ROI at price</th></tr></thead><tbody>` +
    `${marketRow('totals', r.totals, 'over')}${marketRow('spreads', r.spreads, 'home')}</tbody></table>`;
  const pctOrDash = (v: number | null): string => (v === null ? '—' : pct(v, 1));
  const states =
    `<table class="markets"><thead><tr><th>state (totals + spreads)</th><th>graded</th><th>win rate</th><th>ROI at price</th></tr></thead><tbody>` +
    (['PICK', 'LEAN', 'NO_PLAY'] as const)
      .map((k) => {
        const v = r.byState[k];
        return `<tr><th>${k}</th><td>${v.n}</td><td>${pctOrDash(v.winRate)}</td><td>${fmtNum(v.roiAtPrice, 3)}</td></tr>`;
      })
      .join('') +
    `</tbody></table>`;
  const seasons =
    `<table class="markets"><thead><tr><th>season</th><th>lines</th><th>Brier published / market (totals)</th><th>ECE</th><th>over share</th><th>PICK win / ROI</th><th>confidence worst bin</th></tr></thead><tbody>` +
    r.bySeason
      .map(
        (x) =>
          `<tr><th>${x.season}</th><td>${x.lines}</td><td>${fmtNum(x.brierPublished, 4)} / ${fmtNum(x.brierMarket, 4)}</td><td>${fmtNum(x.ece, 4)}</td><td>${pctOrDash(x.totalsOverShare)}</td><td>${pctOrDash(x.byState.PICK.winRate)} / ${fmtNum(x.byState.PICK.roiAtPrice, 3)}</td><td>${fmtNum(x.confidenceMaxGap ?? null, 3)}</td></tr>`,
      )
      .join('') +
    `</tbody></table>`;
  return `<div class="tables"><table class="facts"><tbody>${factRows}</tbody></table>${markets}${states}${seasons}</div>`;
}

function oneSidedList(r: BacktestReport): string {
  const s = r.meta.oneSidedSlates;
  if (s.length === 0)
    return '<p class="pass">None: no slate with ≥ 6 published totals had more than 58% on one side.</p>';
  const items = s
    .map(
      (o) =>
        `<li>${esc(`${o.date}: ${o.over} over / ${o.under} under of ${o.published} (${pct(o.majorityShare, 1)})`)}</li>`,
    )
    .join('');
  return `<ul class="miss">${items}</ul>`;
}

function provenance(r: BacktestReport): string {
  const kinds = Object.entries(r.meta.runKinds)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const rows: [string, string][] = [
    ['runs used', `${r.meta.runs} (${kinds || 'none'}); superseded ${r.meta.runsSuperseded}`],
    ['model hashes', r.meta.modelHashes.join(', ') || '—'],
    ['config hashes', r.meta.configHashes.join(', ') || '—'],
    ['slates without a completed run', r.meta.slatesWithoutRun.join(', ') || 'none'],
    ['run IDs', r.meta.runIds.join(', ') || '—'],
    ['definitions', `version ${r.meta.definitionsVersion} (core/report/definitions.md)`],
  ];
  return `<table class="facts"><tbody>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td><code>${esc(v)}</code></td></tr>`).join('')}</tbody></table>`;
}

const CSS = `
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px;color:#1d2330;background:#fff;max-width:1360px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #d8dde6;padding-bottom:4px}
h3{font-size:13px;margin:0 0 6px;font-weight:600}.sub{color:#596273;font-size:13px;margin:0}
table{border-collapse:collapse;font-size:13px;margin:0 0 12px}th,td{padding:4px 10px;border-bottom:1px solid #e6e9ef;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}.tables{display:flex;gap:32px;flex-wrap:wrap;align-items:flex-start}
.pass{color:#17803d}.miss{color:#b42318}.na{color:#7a8394}tr.kpi.miss td{background:#fff4f2}small{color:#7a8394}
.charts{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:24px;align-items:start}figure{margin:0;border:1px solid #e6e9ef;border-radius:6px;padding:12px}
svg{max-width:100%;height:auto;font-size:11px}.grid{stroke:#eef0f4}.axis{stroke:#8a93a3}.tick{fill:#596273}.axis-label{fill:#3b4352;font-size:12px}
.ref{stroke:#7a8394;stroke-dasharray:4 3}.band{fill:#2f9e6e;fill-opacity:.14}.bar{fill:#3867d6}.bar.out{fill:#d9480f}
.line{fill:none;stroke:#3867d6;stroke-width:2}.dot{fill:#3867d6;fill-opacity:.8;stroke:#fff}.value{fill:#3b4352;font-size:11px}
.no-data{fill:#7a8394;font-size:14px}code{font-size:12px;word-break:break-all}
`;

/**
 * The report as one HTML document. `extra` carries the series that are not part of the JSON
 * contract (weekly over share, cumulative units, per-game deviations).
 */
export function renderReportHtml(report: BacktestReport, extra: ReportExtra): string {
  const r = report;
  const stamp = `model ${shortHashes(r.meta.modelHashes)} · config ${shortHashes(r.meta.configHashes)}`;
  const titled = (name: string) => `${name} — ${stamp}`;
  const band = SPORT_INFO[r.sport].overRateBand;
  const figure = (name: string, chart: (title: string) => string) =>
    `<figure><h3>${esc(titled(name))}</h3>${chart(titled(name))}</figure>`;
  const stateBands = { PICK: [0.4, 0.5], LEAN: [0.3, 0.4], NO_PLAY: [0.2, 0.3] } as const;
  const states = (['PICK', 'LEAN', 'NO_PLAY'] as const).map((s) => ({
    label: s,
    value: r.states[s] ?? 0,
    display: fmtShare(r.states[s]),
    band: stateBands[s],
  }));
  const reasons = Object.entries(r.blockReasons).map(([label, n]) => ({
    label,
    value: n,
    display: String(n),
  }));
  const heading = `BeatVegas backtest — ${SPORT_INFO[r.sport].label} ${r.from} → ${r.to}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(heading)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(heading)}</h1>
<p class="sub">${esc(`${r.games} games · ${r.simulated} simulated · ${r.meta.runs} run(s) · ${stamp} · definitions v${r.meta.definitionsVersion}`)}</p>
<h2>SPEC §6 targets</h2>
${kpiTable(r)}
<h2>Summary</h2>
${summaryTables(r)}
<h2>Charts</h2>
<div class="charts">
${figure('Reliability of published P(over)', (t) => reliabilityChart(r.reliability, t))}
${figure('Reliability of confidence (stated vs observed win rate)', (t) => reliabilityChart(r.confidence, t))}
${figure(`Over share of published totals by week (band ${pct(band[0])}–${pct(band[1])})`, (t) => overShareChart(extra.weeklyOverShare, band, t))}
${figure('Raw projection − consensus total', (t) => deviationHistogram(extra.deviations, t))}
${figure('Pick states, totals + spreads (target bands shaded)', (t) => horizontalBars(states, t, 1))}
${figure('NO_PLAY reasons (audit rows)', (t) => horizontalBars(reasons, t))}
${figure('Cumulative units, graded published picks', (t) => unitsChart(extra.cumulativeUnits, t))}
</div>
<h2>One-sided slates (≥ 6 published totals, &gt; 58% one side)</h2>
${oneSidedList(r)}
<h2>Provenance</h2>
${provenance(r)}
</body></html>
`;
}
