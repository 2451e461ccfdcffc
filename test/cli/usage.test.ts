/**
 * CLI misuse exits 2 with a message naming the bad flag and the valid values (SPEC §5, §7).
 * Runs the real `bin/beatvegas.cjs` in a child process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.join(__dirname, '../../bin/beatvegas.cjs');

function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
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

  it('a bad run configuration → exit 2 naming every bad field, nothing started', () => {
    const few = cli('slate', '--sport', 'nfl', '--date', '2023-12-10', '--iterations', '2000');
    expect(few.code).toBe(2);
    expect(few.stderr).toContain('iterations: 2000 is too few for the Monte Carlo error gate');
    const flags = cli(
      'slate',
      '--sport',
      'nfl',
      '--date',
      '2023-12-10',
      '--flag',
      'ENABLE_NOTHING=off',
      '--flag',
      'ENABLE_PICK_STATE_MACHINE=maybe',
    );
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('--flag ENABLE_NOTHING: unknown flag');
    expect(flags.stderr).toContain('--flag ENABLE_PICK_STATE_MACHINE: "maybe" is not on or off');
    const missing = cli(
      'slate',
      '--sport',
      'nfl',
      '--date',
      '2023-12-10',
      '--config',
      '/nope.json',
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--config: cannot read /nope.json');
    const dir = cli('slate', '--sport', 'nfl', '--date', '2023-12-10', '--config', __dirname);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain('is a directory');
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

  it('no database yet or no server → exit 1 with the fix, not a stack trace', () => {
    const csv = path.join(__dirname, '../../samples/nfl-2023-weeks09-14.csv');
    const missing = cliWith(
      { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:5432/beatvegas_never_created' },
      'import',
      '--sport',
      'nfl',
      '--file',
      csv,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('beatvegas_never_created');
    expect(missing.stderr).toContain('beatvegas migrate');
    expect(missing.stderr).not.toContain('secret');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const down = cliWith(
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' },
      'import',
      '--sport',
      'nfl',
      '--file',
      csv,
    );
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(
      'cannot reach PostgreSQL at postgres://postgres@127.0.0.1:1/test',
    );
    expect(down.stderr).not.toMatch(/\n\s+at /);
  });
});
