/**
 * CLI misuse exits 2 with a message naming the bad flag and the valid values (SPEC §5, §7).
 * Runs the real `bin/beatvegas.cjs` in a child process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.join(__dirname, '../../bin/beatvegas.cjs');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('beatvegas CLI usage errors', () => {
  it('unknown sport → exit 2 naming the valid sports', () => {
    const r = cli('slate', '--sport', 'cricket', '--date', '2023-12-10');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sport');
    expect(r.stderr).toContain('nfl, ncaaf, nba, ncaab, mlb, nhl');
  });

  it('malformed or impossible date → exit 2 naming the format', () => {
    for (const date of ['12/10/2023', '2023-02-30']) {
      const r = cli('slate', '--sport', 'nfl', '--date', date);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--date');
      expect(r.stderr).toContain('YYYY-MM-DD');
    }
  });

  it('bad source and iterations → exit 2 with the valid values', () => {
    const source = cli('slate', '--sport', 'nfl', '--date', '2023-12-10', '--source', 'ftp');
    expect(source.code).toBe(2);
    expect(source.stderr).toContain('history | odds-api | file:PATH');
    const iterations = cli('slate', '--sport', 'nfl', '--date', '2023-12-10', '--iterations', '5');
    expect(iterations.code).toBe(2);
    expect(iterations.stderr).toContain('between 1000 and 1000000');
  });

  it('unknown command or missing required flag → exit 2', () => {
    expect(cli('frobnicate').code).toBe(2);
    const r = cli('import', '--sport', 'nfl');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--file');
  });

  it('missing CSV file → exit 2 naming the path', () => {
    const r = cli('import', '--sport', 'nfl', '--file', '/nonexistent/games.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/games.csv');
  });
});
