/**
 * Tiny SVG toolkit for the report page: escaping, linear scales, nice ticks and a chart frame
 * with axes. Output is a string; nothing here touches the DOM, so the page needs no script.
 */

/** Escapes text for HTML/SVG element content and double- or single-quoted attributes. */
export function esc(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Coordinates are rounded to 0.01 px: smaller files, identical rendering. */
export const px = (v: number): string => String(Math.round(v * 100) / 100);

export type Scale = (v: number) => number;

export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** About `count` round tick values covering [lo, hi] (steps of 1, 2, 2.5 or 5 × 10^k). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const out: number[] = [];
  // Integer multiples, then trimmed to 12 significant digits: 3 × 0.2 prints as 0.6, not 0.6000000000000001.
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++)
    out.push(Number((k * step).toPrecision(12)));
  return out;
}

/** Fewest decimals (≤ 6) that print every tick exactly: [0, 0.025, 0.05] → 3. */
export function tickDecimals(ticks: readonly number[]): number {
  for (let d = 0; d < 6; d++)
    if (ticks.every((t) => Math.abs(Number(t.toFixed(d)) - t) < 1e-9)) return d;
  return 6;
}

/** [lo, hi] widened to round ticks and always containing `include` values (e.g. 0). */
export function niceDomain(
  values: readonly number[],
  include: readonly number[] = [],
): [number, number] {
  const all = [...values, ...include].filter(Number.isFinite);
  if (all.length === 0) return [0, 1];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const t = niceTicks(lo, hi, 5);
  const step = t.length > 1 ? t[1]! - t[0]! : 1;
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

export interface Plot {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The drawing area of a chart of `width` × `height` with room for axes. */
export function plotArea(width: number, height: number, left = 56, bottom = 40): Plot {
  return { width, height, left, right: width - 16, top: 16, bottom: height - bottom };
}

export interface AxisOptions {
  readonly ticks: readonly number[];
  readonly format: (v: number) => string;
  readonly label?: string;
}

/** Left axis with grid lines. */
export function yAxis(p: Plot, y: Scale, o: AxisOptions): string {
  const lines = o.ticks.map(
    (t) =>
      `<line class="grid" x1="${px(p.left)}" x2="${px(p.right)}" y1="${px(y(t))}" y2="${px(y(t))}"/>` +
      `<text class="tick" x="${px(p.left - 6)}" y="${px(y(t) + 4)}" text-anchor="end">${esc(o.format(t))}</text>`,
  );
  const label = o.label
    ? `<text class="axis-label" transform="translate(14 ${px((p.top + p.bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(o.label)}</text>`
    : '';
  return `<g class="y-axis">${lines.join('')}${label}</g>`;
}

/** Bottom axis with tick labels at numeric positions. */
export function xAxis(p: Plot, x: Scale, o: AxisOptions): string {
  const ticks = o.ticks.map(
    (t) =>
      `<line class="axis" x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(p.bottom)}" y2="${px(p.bottom + 4)}"/>` +
      `<text class="tick" x="${px(x(t))}" y="${px(p.bottom + 16)}" text-anchor="middle">${esc(o.format(t))}</text>`,
  );
  const label = o.label
    ? `<text class="axis-label" x="${px((p.left + p.right) / 2)}" y="${px(p.height - 4)}" text-anchor="middle">${esc(o.label)}</text>`
    : '';
  return `<g class="x-axis"><line class="axis" x1="${px(p.left)}" x2="${px(p.right)}" y1="${px(p.bottom)}" y2="${px(p.bottom)}"/>${ticks.join('')}${label}</g>`;
}

/** A complete `<svg>` with an accessible title; `body` is already-escaped markup. */
export function svg(p: Plot, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${p.width} ${p.height}" width="${p.width}" height="${p.height}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>${body}</svg>`
  );
}

/** Placeholder body of a chart without data. */
export function noData(p: Plot): string {
  return `<text class="no-data" x="${px((p.left + p.right) / 2)}" y="${px((p.top + p.bottom) / 2)}" text-anchor="middle">no data</text>`;
}
