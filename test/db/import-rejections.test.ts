/**
 * `import --skip-invalid` against the real Postgres: the valid rows are imported, every
 * rejected row is stored in `import_rejections` (file, line, reason), a re-import stores
 * nothing twice, and the default import still imports nothing from a file with a bad row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { CsvFormatError } from '../../core/importers';
import { listImportRejections, recordImportRejections } from '../../db/repositories/imports';
import { countRows, resetDb, testDb } from '../support/db';

const FIXTURE = path.join(__dirname, '../fixtures/slates/nfl-2023-week14.csv');
const db = testDb();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bv-rejections-'));
const files: string[] = [];

/** The week-14 fixture with line 5's away team unknown and line 9's home score broken. */
function badFile(): string {
  const lines = fs.readFileSync(FIXTURE, 'utf8').split('\n');
  const edit = (line: number, index: number, value: string) => {
    const cells = (lines[line - 1] ?? '').split(',');
    cells[index] = value;
    lines[line - 1] = cells.join(',');
  };
  edit(5, 7, 'ZZZ');
  edit(9, 10, 'seventeen');
  const file = path.join(dir, 'week14-bad.csv');
  fs.writeFileSync(file, lines.join('\n'));
  files.push(file);
  return file;
}

beforeAll(async () => {
  await resetDb(db);
});
afterAll(async () => {
  if (files.length > 0)
    await db.deleteFrom('import_rejections').where('file', 'in', files).execute();
  fs.rmSync(dir, { recursive: true, force: true });
  await db.destroy();
});

describe('history import --skip-invalid', () => {
  it('without it, a bad row still imports nothing and stores no rejection', async () => {
    const file = badFile();
    const error = await importHistoryFile(db, 'nfl', file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).message).toContain(`${file}:5: away_team:`);
    expect(await countRows(db, 'games')).toBe(0);
    expect(await listImportRejections(db, file)).toEqual([]);
  });

  it('imports the valid rows and stores every rejected row with file, line and reason', async () => {
    const file = badFile();
    const summary = await importHistoryFile(db, 'nfl', file, { skipInvalid: true });
    expect(summary.skipInvalid).toBe(true);
    expect(summary.rows).toMatchObject({ games: 13, rejected: 2 });
    expect(summary.games).toEqual({ inserted: 13, updated: 0, unchanged: 0 });
    expect(summary.rejected.map((r) => r.line)).toEqual([5, 9]);
    expect(summary.rejected[1]?.reason).toBe('home_score: expected an integer, got "seventeen"');
    expect(summary.rejectionsStored).toBe(2);
    expect(await countRows(db, 'games')).toBe(13);

    const stored = await listImportRejections(db, file);
    expect(stored).toEqual(summary.rejected.map((r) => ({ sport: 'nfl', ...r })));
    const row = await db
      .selectFrom('import_rejections')
      .selectAll()
      .where('file', '=', file)
      .where('line', '=', 9)
      .executeTakeFirstOrThrow();
    expect(path.isAbsolute(row.file)).toBe(true);
    expect(row.imported_at).toBeInstanceOf(Date);
  });

  it('is idempotent: a re-import stores no rejection twice and keeps the first import time', async () => {
    const file = badFile();
    const before = await db
      .selectFrom('import_rejections')
      .selectAll()
      .where('file', '=', file)
      .orderBy('line')
      .execute();
    const summary = await importHistoryFile(db, 'nfl', file, { skipInvalid: true });
    expect(summary.rejected).toHaveLength(2);
    expect(summary.rejectionsStored).toBe(0);
    expect(summary.games).toEqual({ inserted: 0, updated: 0, unchanged: 13 });
    const after = await db
      .selectFrom('import_rejections')
      .selectAll()
      .where('file', '=', file)
      .orderBy('line')
      .execute();
    expect(after).toEqual(before);
  });

  it('stores any number of rejections in one statement (beyond the bind-parameter cap)', async () => {
    const file = path.join(dir, 'huge.csv');
    files.push(file);
    const rejected = Array.from({ length: 70_000 }, (_, i) => ({
      line: i + 2,
      reason: `bad row ${i % 3}`,
    }));
    // A multi-row VALUES insert of 70,000 × 4 parameters would exceed Postgres' 65,535.
    expect(await recordImportRejections(db, 'mlb', file, rejected)).toBe(70_000);
    expect(await recordImportRejections(db, 'mlb', file, rejected)).toBe(0);
    const n = await db
      .selectFrom('import_rejections')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('file', '=', file)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(70_000);
  });
});
