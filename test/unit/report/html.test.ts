import { describe, expect, it } from 'vitest';
import { assembleReport, type BacktestReport } from '../../../core/report';
import { renderReportHtml, shortHashes } from '../../../report/html';
import { esc, niceTicks, tickDecimals } from '../../../report/svg';
import { sampleInput } from './fixture';

const { report, extra } = assembleReport(sampleInput());

describe('renderReportHtml', () => {
  const html = renderReportHtml(report, extra);

  it('is one self-contained document: no script, no external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|@import|url\(/i);
    // The only URL is the SVG namespace identifier (never fetched).
    const urls = html.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('draws the seven charts, each titled with the short model and config hash', () => {
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(7);
    for (const s of svgs) {
      expect(s).toContain('model aaaaaaaaaaaa · config cccccccccccc');
      expect(s).toMatch(/class="mark/);
    }
    expect(html).toMatch(/<line class="ref"[^>]*x1="56"[^>]*y2="16"/); // reliability diagonal
    expect(html).toContain('class="band"'); // over-rate band
  });

  it('has the KPI table with pass/miss marks', () => {
    expect(html).toContain('SPEC §6 target');
    expect(html).toMatch(/✓ pass/);
    expect(html).toMatch(/✗ miss/);
  });

  it('escapes every text that comes from the data', () => {
    const evil: BacktestReport = {
      ...report,
      blockReasons: { '<img src=x onerror=alert(1)>': 3 },
      meta: { ...report.meta, modelHashes: ['"><script>alert(1)</script>'], runIds: ["a'b&c"] },
    };
    const out = renderReportHtml(evil, extra);
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('a&#39;b&amp;c');
  });

  it('renders "no data" charts for an empty report instead of failing', () => {
    const empty = assembleReport({ ...sampleInput(), from: '2020-01-01', to: '2020-01-02' });
    const out = renderReportHtml(empty.report, empty.extra);
    expect((out.match(/<svg/g) ?? []).length).toBe(7);
    expect(out).toContain('no data');
    expect(out).toContain('unstamped');
  });
});

describe('svg helpers', () => {
  it('esc covers the five HTML-special characters', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('niceTicks are round and cover the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3, 7, 5)).toEqual([-2, 0, 2, 4, 6]);
    expect(niceTicks(-0.1, 0, 4)).toEqual([-0.1, -0.075, -0.05, -0.025, 0]);
  });

  it('tickDecimals prints every tick exactly and no more', () => {
    expect(tickDecimals([0, 2, 4])).toBe(0);
    expect(tickDecimals([0, 0.5, 1])).toBe(1);
    expect(tickDecimals([-0.1, -0.075, -0.05])).toBe(3);
  });

  it('shortHashes abbreviates to 12 characters and counts the rest', () => {
    expect(shortHashes([])).toBe('unstamped');
    expect(shortHashes(['0123456789abcdef'])).toBe('0123456789ab');
    expect(shortHashes(['0123456789abcdef', 'ffff'])).toBe('0123456789ab +1 more');
  });
});
