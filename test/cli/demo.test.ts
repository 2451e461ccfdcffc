/**
 * `beatvegas demo` end to end as a user runs it: embedded PGlite (no DATABASE_URL), the local
 * odds server, the real HTTP client path, a real slate through Temporal; it must exit by itself
 * and print a verdict for every line (none published: a fresh database has earned nothing).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.join(__dirname, '../../bin/beatvegas.cjs');

describe('beatvegas demo', () => {
  it('runs a real NFL slate on embedded Postgres and exits cleanly', () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.ODDS_API_KEY;
    const r = spawnSync(process.execPath, [BIN, 'demo', '--iterations', '4000', '--json'], {
      encoding: 'utf8',
      timeout: 120_000,
      env,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('embedded Postgres (PGlite');
    expect(r.stderr).toContain(
      'UI: http://localhost:8233/namespaces/default/workflows/slate%2Fnfl%2F2023-12-10',
    );
    const report = JSON.parse(r.stdout) as {
      result: { source: string; verify: { games: number }; simulate: { simulated: number } };
      picks: { state: string; market: string; confidence: number; reasons: string[] }[];
    };
    expect(report.result.source).toBe('odds-api');
    expect(report.result.verify.games).toBe(12);
    expect(report.result.simulate.simulated).toBe(12);
    // A fresh database has graded nothing, so no skill weight is earned (prior 0): every line
    // gets a verdict, at the market's probability, and the run says why nothing is published.
    expect(report.picks.map((p) => p.state)).toEqual(report.picks.map(() => 'NO_PLAY'));
    // Full-game totals and spreads of all 12 games are priced; the rest have no market.
    const priced = report.picks.filter((p) => p.reasons.includes('EDGE_TOO_SMALL'));
    expect(priced.length).toBeGreaterThanOrEqual(24);
    expect(r.stderr).toMatch(/SKILL_WEIGHT_NOT_EARNED: no earned nfl skill weight for totals/);
  }, 150_000);
});
