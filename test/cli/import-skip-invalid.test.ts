/**
 * `beatvegas import --skip-invalid` through the real `bin/beatvegas.cjs`: imports the valid
 * rows, prints every rejected row as `file:line: reason` and every provisional college team
 * (text and `--json`), stores the rejections, and exits 0. Without the flag the same file
 * fails as a whole (exit 1, nothing imported).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listImportRejections } from '../../db/repositories/imports';
import { resetDb, testDb, TEST_DATABASE_URL } from '../support/db';

const BIN = path.join(__dirname, '../../bin/beatvegas.cjs');
const FIXTURE = path.join(__dirname, '../fixtures/history/ncaaf/cfb_odds_2014.csv');
const db = testDb();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bv-cli-import-'));
// NCAAF files carry their season in the name.
const file = path.join(dir, 'cfb_odds_2014.csv');

async function ncaafGames(): Promise<number> {
  const row = await db
    .selectFrom('games')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('sport', '=', 'ncaaf')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  await resetDb(db);
  const lines = fs.readFileSync(FIXTURE, 'utf8').split('\n');
  const edit = (line: number, index: number, value: string) => {
    const cells = (lines[line - 1] ?? '').split(',');
    cells[index] = value;
    lines[line - 1] = cells.join(',');
  };
  edit(2, 1, 'NEW-PROGRAM'); // an unknown college team: imported provisionally
  edit(3, 4, 'x'); // home_score
  edit(4, 5, 'a100'); // away_ml: ambiguous price
  edit(5, 8, 'NL'); // o/u: no line, fine
  fs.writeFileSync(file, lines.join('\n'));
});
afterAll(async () => {
  await db.deleteFrom('import_rejections').where('file', '=', file).execute();
  fs.rmSync(dir, { recursive: true, force: true });
  await db.destroy();
});

describe('beatvegas import --skip-invalid', () => {
  it('without the flag the file fails as a whole: exit 1, nothing imported', async () => {
    const r = cli('import', '--sport', 'ncaaf', '--file', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`import failed, nothing imported: ${file}:3: home_score:`);
    expect(await ncaafGames()).toBe(0);
    expect(await listImportRejections(db, file)).toEqual([]);
  });

  it('imports the valid rows and lists rejected rows and provisional teams in the text output', async () => {
    const r = cli('import', '--sport', 'ncaaf', '--file', file, '--skip-invalid');
    expect(r.code).toBe(0);
    // The summary is the command's result: stdout (logs and errors go to stderr).
    expect(r.stdout).toContain('108 games');
    expect(r.stdout).toContain('2 rows rejected');
    expect(r.stdout).toContain(`${file}:3: home_score: expected an integer, got "x"`);
    expect(r.stdout).toContain(`${file}:4: away_ml: expected a number or "NL"/blank, got "a100"`);
    expect(r.stdout).toMatch(/NEW-PROGRAM \("NEW-PROGRAM", first on line 2\)/);
    expect(await ncaafGames()).toBe(108);
    expect(await listImportRejections(db, file)).toEqual([
      { sport: 'ncaaf', line: 3, reason: 'home_score: expected an integer, got "x"' },
      { sport: 'ncaaf', line: 4, reason: 'away_ml: expected a number or "NL"/blank, got "a100"' },
    ]);
  });

  it('--json carries the rejected rows and provisional teams; a re-import stores nothing twice', async () => {
    const r = cli('import', '--sport', 'ncaaf', '--file', file, '--skip-invalid', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      file: string;
      rejected: { line: number; reason: string }[];
      rejectionsStored: number;
      provisionalTeams: { code: string; line: number }[];
      games: { inserted: number; unchanged: number };
    };
    expect(summary.file).toBe(file);
    expect(summary.rejected.map((x) => x.line)).toEqual([3, 4]);
    expect(summary.rejectionsStored).toBe(0);
    expect(summary.provisionalTeams).toMatchObject([{ code: 'NEW-PROGRAM', line: 2 }]);
    expect(summary.games).toMatchObject({ inserted: 0, unchanged: 108 });
    expect(await listImportRejections(db, file)).toHaveLength(2);
  });
});
