import { describe, expect, it } from 'vitest';
import { assembleReport } from '../../../core/report';
import { formatReportText } from '../../../report/text';
import { sampleInput } from './fixture';

describe('formatReportText', () => {
  it('summarises the report and lists every §6 target with its result', () => {
    const text = formatReportText(assembleReport(sampleInput()).report);
    const lines = text.split('\n');
    expect(lines[0]).toBe('nfl 2023-12-01 → 2023-12-11: 5 games, 3 simulated, 2 run(s)');
    expect(text).toContain('blocked 25.0% · PICK 25.0% · LEAN 25.0% · NO_PLAY 50.0%');
    expect(text).toContain('totals: 3 picks, over 66.7%, win 100.0%, ROI +0.455');
    expect(lines.filter((l) => /^(PASS|MISS|n\/a) /.test(l))).toHaveLength(16);
    expect(text).toContain('MISS  Totals over share (50–55%)');
    expect(text).toContain('PASS  Slates ≥ 6 totals with > 58% on one side (none)');
  });

  it('states what each published state won against what it stated, and the confidence floor', () => {
    const r = assembleReport(sampleInput()).report;
    const text = formatReportText(r);
    const pick = r.byState.PICK;
    expect(pick.n).toBeGreaterThan(0);
    expect(text).toContain(
      `earned: PICK ${pick.n} won ${((pick.winRate ?? 0) * 100).toFixed(1)}% (stated ${((pick.statedWinRate ?? 0) * 100).toFixed(1)}%)`,
    );
    // A report whose bins hold too few lines to judge says so with dashes, not with 0 or 100%.
    expect(r.confidencePassChance).toBeNull();
    expect(text).toContain('confidence: worst bin (n ≥ 100) — · ');
    const judged = formatReportText({ ...r, confidenceMaxGap: 0.047, confidencePassChance: 0.191 });
    expect(judged).toContain(
      'confidence: worst bin (n ≥ 100) 0.047 · a perfectly calibrated forecaster passes ±3 pp on these bins 19.1% of the time',
    );
  });
});
