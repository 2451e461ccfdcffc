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
});
