/**
 * The report's charts as inline SVG strings. Every data element carries `class="mark"` (the
 * browser test counts them) and a `<title>` tooltip with the exact value.
 */
import { daysBetween } from '../core/calendar';
import {
  histogram,
  niceBinWidth,
  type ReliabilityBin,
  type UnitsPoint,
  type WeeklyOverShare,
} from '../core/report';
import {
  esc,
  linearScale,
  niceDomain,
  niceTicks,
  noData,
  plotArea,
  px,
  svg,
  tickDecimals,
  xAxis,
  yAxis,
} from './svg';

const W = 640;
const H = 320;

export const pct = (v: number, digits = 0): string => `${(v * 100).toFixed(digits)}%`;
export const signed = (v: number, digits = 2): string => `${v > 0 ? '+' : ''}${v.toFixed(digits)}`;

/** Reliability diagram: mean predicted vs observed over rate per bin, with the diagonal. */
export function reliabilityChart(bins: readonly ReliabilityBin[], title: string): string {
  const p = plotArea(W, H + 40, 56, 44);
  const x = linearScale([0, 1], [p.left, p.right]);
  const y = linearScale([0, 1], [p.bottom, p.top]);
  const t = niceTicks(0, 1, 5);
  const axes =
    yAxis(p, y, { ticks: t, format: (v) => pct(v), label: 'observed over rate' }) +
    xAxis(p, x, { ticks: t, format: (v) => pct(v), label: 'model P(over | no push)' });
  const diagonal = `<line class="ref" x1="${px(x(0))}" y1="${px(y(0))}" x2="${px(x(1))}" y2="${px(y(1))}"/>`;
  if (bins.length === 0) return svg(p, title, axes + diagonal + noData(p));
  const maxN = Math.max(...bins.map((b) => b.n));
  const path = bins.map((b) => `${px(x(b.predicted))},${px(y(b.observed))}`).join(' ');
  const dots = bins
    .map(
      (b) =>
        `<circle class="mark dot" cx="${px(x(b.predicted))}" cy="${px(y(b.observed))}" r="${px(3 + 7 * Math.sqrt(b.n / maxN))}">` +
        `<title>${esc(`bin ${b.bin}: predicted ${pct(b.predicted, 1)}, observed ${pct(b.observed, 1)}, n = ${b.n}`)}</title></circle>`,
    )
    .join('');
  return svg(p, title, `${axes}${diagonal}<polyline class="mark line" points="${path}"/>${dots}`);
}

/** Weekly over share of published totals as bars over the shaded over-rate band. */
export function overShareChart(
  weeks: readonly WeeklyOverShare[],
  band: readonly [number, number],
  title: string,
): string {
  const p = plotArea(W, H, 56, 56);
  const y = linearScale([0, 1], [p.bottom, p.top]);
  const bandRect = `<rect class="band" x="${px(p.left)}" width="${px(p.right - p.left)}" y="${px(y(band[1]))}" height="${px(y(band[0]) - y(band[1]))}"><title>${esc(`band ${pct(band[0])}–${pct(band[1])}`)}</title></rect>`;
  const axes = yAxis(p, y, {
    ticks: niceTicks(0, 1, 5),
    format: (v) => pct(v),
    label: 'over share',
  });
  const half = `<line class="ref" x1="${px(p.left)}" x2="${px(p.right)}" y1="${px(y(0.5))}" y2="${px(y(0.5))}"/>`;
  const base = `<line class="axis" x1="${px(p.left)}" x2="${px(p.right)}" y1="${px(p.bottom)}" y2="${px(p.bottom)}"/>`;
  const shown = weeks.filter((w) => w.overShare !== null);
  if (shown.length === 0) return svg(p, title, bandRect + axes + half + base + noData(p));
  const slot = (p.right - p.left) / shown.length;
  const barW = Math.min(48, slot * 0.7);
  const every = Math.ceil(shown.length / 12);
  const bars = shown
    .map((w, i) => {
      const share = w.overShare!;
      const cx = p.left + slot * (i + 0.5);
      const label =
        i % every === 0
          ? `<text class="tick" x="${px(cx)}" y="${px(p.bottom + 16)}" text-anchor="middle">${esc(w.weekStart.slice(5))}</text>`
          : '';
      return (
        `<rect class="mark bar${share < band[0] || share > band[1] ? ' out' : ''}" x="${px(cx - barW / 2)}" width="${px(barW)}" y="${px(y(share))}" height="${px(y(0) - y(share))}">` +
        `<title>${esc(`week of ${w.weekStart}: ${w.over}/${w.published} over (${pct(share, 1)})`)}</title></rect>` +
        `<text class="value" x="${px(cx)}" y="${px(y(share) - 4)}" text-anchor="middle">${esc(`n=${w.published}`)}</text>${label}`
      );
    })
    .join('');
  const xLabel = `<text class="axis-label" x="${px((p.left + p.right) / 2)}" y="${px(p.height - 8)}" text-anchor="middle">week starting (MM-DD)</text>`;
  return svg(p, title, bandRect + axes + half + bars + base + xLabel);
}

/** Histogram of raw projected total − consensus total, with the zero line. */
export function deviationHistogram(deviations: readonly number[], title: string): string {
  const p = plotArea(W, H, 56, 44);
  const bins = histogram(deviations, niceBinWidth(deviations));
  if (bins.length === 0) return svg(p, title, noData(p));
  const [x0, x1] = niceDomain([bins[0]!.lo, bins.at(-1)!.hi], [0]);
  const x = linearScale([x0, x1], [p.left, p.right]);
  const xTicks = niceTicks(x0, x1, 8);
  const yMax = Math.max(...bins.map((b) => b.n));
  const y = linearScale([0, yMax], [p.bottom, p.top]);
  const axes =
    yAxis(p, y, {
      ticks: niceTicks(0, yMax, 4).filter((t) => Number.isInteger(t)),
      format: String,
      label: 'games',
    }) +
    xAxis(p, x, {
      ticks: xTicks,
      format: (v) => (v === 0 ? '0' : signed(v, tickDecimals(xTicks))),
      label: 'raw projection − consensus total (points)',
    });
  const bars = bins
    .filter((b) => b.n > 0)
    .map(
      (b) =>
        `<rect class="mark bar" x="${px(x(b.lo) + 1)}" width="${px(Math.max(1, x(b.hi) - x(b.lo) - 2))}" y="${px(y(b.n))}" height="${px(y(0) - y(b.n))}">` +
        `<title>${esc(`${b.lo} to ${b.hi}: ${b.n} game(s)`)}</title></rect>`,
    )
    .join('');
  const zero = `<line class="ref" x1="${px(x(0))}" x2="${px(x(0))}" y1="${px(p.top)}" y2="${px(p.bottom)}"/>`;
  return svg(p, title, axes + bars + zero);
}

export interface BarItem {
  readonly label: string;
  readonly value: number;
  /** Text printed after the bar. */
  readonly display: string;
  /** Optional target range drawn behind the bar (same unit as value). */
  readonly band?: readonly [number, number];
}

/** Horizontal bars (states, block reasons). `max` fixes the scale, e.g. 1 for shares. */
export function horizontalBars(items: readonly BarItem[], title: string, max?: number): string {
  const rowH = 30;
  const p = plotArea(W, Math.max(120, 32 + rowH * items.length), 200, 16);
  if (items.length === 0) return svg(p, title, noData(p));
  const top = max ?? Math.max(...items.map((i) => i.value), 1e-9);
  const x = linearScale([0, top], [p.left, p.right - 70]);
  const rows = items
    .map((it, i) => {
      const y0 = p.top + i * rowH;
      const band = it.band
        ? `<rect class="band" x="${px(x(it.band[0]))}" width="${px(x(it.band[1]) - x(it.band[0]))}" y="${px(y0)}" height="${rowH - 6}"><title>${esc(`target ${it.band[0]}–${it.band[1]}`)}</title></rect>`
        : '';
      return (
        `${band}<text class="tick" x="${px(p.left - 8)}" y="${px(y0 + rowH / 2)}" text-anchor="end">${esc(it.label)}</text>` +
        `<rect class="mark bar" x="${px(p.left)}" width="${px(Math.max(1, x(it.value) - p.left))}" y="${px(y0 + 4)}" height="${rowH - 14}"><title>${esc(`${it.label}: ${it.display}`)}</title></rect>` +
        `<text class="value" x="${px(x(it.value) + 6)}" y="${px(y0 + rowH / 2)}">${esc(it.display)}</text>`
      );
    })
    .join('');
  return svg(
    p,
    title,
    `<line class="axis" x1="${px(p.left)}" x2="${px(p.left)}" y1="${px(p.top)}" y2="${px(p.bottom)}"/>${rows}`,
  );
}

/** Cumulative units by slate date (time axis), with the zero line. */
export function unitsChart(points: readonly UnitsPoint[], title: string): string {
  const p = plotArea(W, H, 56, 44);
  if (points.length === 0) return svg(p, title, noData(p));
  const first = points[0]!.date;
  const span = Math.max(1, daysBetween(first, points.at(-1)!.date));
  const x = linearScale([0, span], [p.left + 8, p.right - 8]);
  const [lo, hi] = niceDomain(
    points.map((q) => q.cumulative),
    [0],
  );
  const y = linearScale([lo, hi], [p.bottom, p.top]);
  const yTicks = niceTicks(lo, hi, 5);
  const every = Math.ceil(points.length / 8);
  const dateTicks = points
    .filter((_, i) => i % every === 0)
    .map((q) => {
      const cx = x(daysBetween(first, q.date));
      return `<text class="tick" x="${px(cx)}" y="${px(p.bottom + 16)}" text-anchor="middle">${esc(q.date.slice(5))}</text>`;
    })
    .join('');
  const axes =
    yAxis(p, y, {
      ticks: yTicks,
      format: (v) => signed(v, tickDecimals(yTicks)),
      label: 'cumulative units',
    }) +
    `<line class="axis" x1="${px(p.left)}" x2="${px(p.right)}" y1="${px(p.bottom)}" y2="${px(p.bottom)}"/>${dateTicks}` +
    `<text class="axis-label" x="${px((p.left + p.right) / 2)}" y="${px(p.height - 4)}" text-anchor="middle">slate date (MM-DD)</text>`;
  const zero = `<line class="ref" x1="${px(p.left)}" x2="${px(p.right)}" y1="${px(y(0))}" y2="${px(y(0))}"/>`;
  const coords = points.map((q) => `${px(x(daysBetween(first, q.date)))},${px(y(q.cumulative))}`);
  const dots = points
    .map(
      (q) =>
        `<circle class="mark dot" cx="${px(x(daysBetween(first, q.date)))}" cy="${px(y(q.cumulative))}" r="3.5">` +
        `<title>${esc(`${q.date}: ${signed(q.units)} units on ${q.graded} graded, cumulative ${signed(q.cumulative)}`)}</title></circle>`,
    )
    .join('');
  return svg(
    p,
    title,
    `${axes}${zero}<polyline class="mark line" points="${coords.join(' ')}"/>${dots}`,
  );
}
