/**
 * CLI misuse exits 2 with a message naming the bad flag and the valid values (SPEC §5, §7).
 * Runs the real `bin/beatvegas.cjs` in a child process.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../support/db';
import { runCli, type CliResult } from './run-cli';

/** The CLI with `env` added, asynchronously (a blocked test process misses vitest's RPC). */
const cliWith = (env: NodeJS.ProcessEnv, ...args: string[]) => runCli(env, ...args);
const cli = (...args: string[]) => runCli({}, ...args);

describe('beatvegas CLI usage errors', () => {
  it('unknown sport → exit 2 naming the valid sports', async () => {
    const r = await cli('slate', '--sport', 'cricket', '--date', '2023-12-10');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sport');
    expect(r.stderr).toContain('nfl, ncaaf, nba, ncaab, mlb, nhl');
  });

  it('malformed or impossible date → exit 2 naming the format', async () => {
    for (const date of ['12/10/2023', '2023-02-30']) {
      const r = await cli('slate', '--sport', 'nfl', '--date', date);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--date');
      expect(r.stderr).toContain('YYYY-MM-DD');
    }
  });

  it('bad source and iterations → exit 2 with the valid values', async () => {
    const source = await cli('slate', '--sport', 'nfl', '--date', '2023-12-10', '--source', 'ftp');
    expect(source.code).toBe(2);
    expect(source.stderr).toContain('history | odds-api | file:PATH');
    const iterations = await cli(
      'slate',
      '--sport',
      'nfl',
      '--date',
      '2023-12-10',
      '--iterations',
      '5',
    );
    expect(iterations.code).toBe(2);
    expect(iterations.stderr).toContain('between 1000 and 1000000');
  });

  it('a bad run configuration → exit 2 naming every bad field, nothing started', async () => {
    const few = await cli(
      'slate',
      '--sport',
      'nfl',
      '--date',
      '2023-12-10',
      '--iterations',
      '2000',
    );
    expect(few.code).toBe(2);
    expect(few.stderr).toContain('iterations: 2000 is too few for the Monte Carlo error gate');
    const flags = await cli(
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
    const missing = await cli(
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
    const dir = await cli('slate', '--sport', 'nfl', '--date', '2023-12-10', '--config', __dirname);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain('is a directory');
  });

  it('unknown command or missing required flag → exit 2', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    const r = await cli('import', '--sport', 'nfl');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--file');
  });

  it('missing CSV file → exit 2 naming the path', async () => {
    const r = await cli('import', '--sport', 'nfl', '--file', '/nonexistent/games.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/games.csv');
  });

  it('no database yet or no server → exit 1 with the fix, not a stack trace', async () => {
    const csv = path.join(__dirname, '../../samples/nfl-2023-weeks09-14.csv');
    const missing = await cliWith(
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
    const down = await cliWith(
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

describe('beatvegas CLI: bad input exits 2 naming the flag, in one line', () => {
  /** Exit 2, the flag named, one line on stderr, no stack trace, nothing on stdout. */
  function expectUsage(r: CliResult, ...named: string[]) {
    expect(r.code, r.stderr).toBe(2);
    for (const n of named) expect(r.stderr).toContain(n);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  }

  it('numbers out of range or not decimal integers', async () => {
    expectUsage(
      await cli('slate', '--sport', 'nfl', '--date', '2023-12-10', '--iterations', '99999999'),
      '--iterations',
      'between 1000 and 1000000',
    );
    const backfill = ['backfill', '--sport', 'nfl', '--from', '2023-12-01', '--to', '2023-12-31'];
    for (const n of ['0', '1e3', '10001'])
      expectUsage(
        await cli(...backfill, '--continue-after', n),
        '--continue-after',
        'between 1 and 10000',
      );
    expectUsage(await cli('worker', '--sim-threads', '1000'), '--sim-threads', 'between 1 and 256');
    expectUsage(await cli('odds-server', '--port', '70000'), '--port', 'between 0 and 65535');
    expectUsage(await cli('odds-server', '--port', ''), '--port');
    expectUsage(
      await cli('reproduce', '--pick', '99999999999999999999'),
      '--pick',
      'pick_audit id',
    );
    expectUsage(await cli('reproduce', '--pick', '0'), '--pick');
  });

  it('dates out of range or not calendar dates, --date of status included', async () => {
    expectUsage(await cli('status', '--date', '2023-02-30'), '--date', 'YYYY-MM-DD');
    expectUsage(await cli('status', '--date', 'today'), '--date', 'YYYY-MM-DD');
    expectUsage(await cli('status', '--date', '0000-01-01'), '--date', 'out of range');
    expectUsage(
      await cli('picks', '--sport', 'nfl', '--date', '0000-01-01'),
      '--date',
      'out of range',
    );
    expectUsage(
      await cli('report', '--sport', 'nfl', '--from', '2023-12-10', '--to', '2023-12-01'),
      '--to 2023-12-01 is before --from 2023-12-10',
    );
  });

  it('a directory where a file is expected, or a path that cannot be written', async () => {
    expectUsage(
      await cli('import', '--sport', 'nfl', '--file', __dirname),
      '--file',
      'is a directory',
    );
    expectUsage(
      await cli('slate', '--sport', 'nfl', '--date', '2023-12-10', '--source', `file:${__dirname}`),
      '--source',
      'is a directory',
    );
    const report = ['report', '--sport', 'nfl', '--from', '2023-12-01', '--to', '2023-12-10'];
    expectUsage(await cli(...report, '--html', __dirname), '--html', 'is a directory');
    expectUsage(
      await cli(...report, '--html', path.join(__filename, 'report.html')),
      '--html',
      'is not a directory',
    );
  });

  it('backfill: its required flags are still required (checked by the command)', async () => {
    expectUsage(
      await cli('backfill', '--from', '2023-12-01', '--to', '2023-12-31'),
      "'--sport <sports>'",
    );
    expectUsage(await cli('backfill', '--sport', 'nfl', '--to', '2023-12-31'), "'--from <date>'");
  });

  it('--lines: open only where the history has openers, else exit 2 naming those sports', async () => {
    const range = ['--from', '2023-12-01', '--to', '2023-12-31'];
    expectUsage(
      await cli('backfill', '--sport', 'nfl,nhl', ...range, '--lines', 'open'),
      '--lines open: nfl history has no opening lines (sports that have them: mlb, nhl, ncaab)',
    );
    expectUsage(
      await cli('report', '--sport', 'nba', ...range, '--lines', 'open'),
      '--lines open: nba history has no opening lines',
    );
    expectUsage(await cli('report', '--sport', 'nhl', ...range, '--lines', 'mid'), '--lines');
  });

  it('an empty schedule or backfill ID', async () => {
    expectUsage(await cli('schedules', 'pause', '--id', ''), '--id');
    expectUsage(await cli('schedules', 'delete', ' '), 'schedules delete <id>');
    expectUsage(await cli('backfill', 'cancel', ''), 'backfill cancel <id>');
  });
});

describe('beatvegas CLI: results on stdout, logs on stderr', () => {
  it('--help (of the program, a command and a subcommand) goes to stdout with exit 0', async () => {
    for (const args of [['--help'], ['slate', '--help'], ['backfill', 'cancel', '--help']]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: beatvegas');
      expect(r.stderr).toBe('');
    }
    const all = (await cli('--help')).stdout;
    for (const command of ['status', 'backfill', 'schedules', 'reproduce', 'migrate'])
      expect(all).toMatch(new RegExp(`\\n  ${command}\\b`));
    expect((await cli('schedules', '--help')).stdout).toMatch(/delete \[options\] <id>/);
  });

  it('a usage error prints the help on stderr, nothing on stdout', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('text results go to stdout: migrate, status', async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL };
    const migrate = await runCli(env, 'migrate');
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toBe('schema is up to date\n');
    expect(migrate.stderr).toBe('');
    const status = await runCli(env, 'status', '--date', '1999-01-01');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('status of 1999-01-01 (America/New_York)');
    expect(status.stdout).toContain('NHL\n  no slate runs');
    expect(status.stderr).toBe('');
  });
});
