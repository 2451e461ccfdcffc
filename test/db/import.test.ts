/**
 * History import against the real Postgres: idempotent (a second import changes nothing) and
 * all-or-nothing (a malformed row imports nothing from that file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { CsvFormatError } from '../../core/importers';
import { countRows, resetDb, testDb } from '../support/db';

const FIXTURE = path.join(__dirname, '../fixtures/slates/nfl-2023-week14.csv');
const db = testDb();

beforeAll(async () => {
  await resetDb(db);
});
afterAll(async () => {
  await db.destroy();
});

describe('NFL history import', () => {
  it('loads games, scores and closing lines', async () => {
    const summary = await importHistoryFile(db, 'nfl', FIXTURE);
    expect(summary.rows.games).toBe(15);
    expect(summary.games).toEqual({ inserted: 15, updated: 0, unchanged: 0 });
    // totals, spreads and moneylines for every game of 2023.
    expect(summary.lines.inserted).toBe(45);
    expect(await countRows(db, 'games')).toBe(15);
    expect(await countRows(db, 'market_lines')).toBe(45);

    // 2023_14_BUF_KC: BUF 20 @ KC 17, spread_line 2 (KC favoured by 2), total 49.5 (-110/-110).
    const game = await db
      .selectFrom('games')
      .selectAll()
      .where('home_team', '=', 'KC')
      .where('game_date', '=', '2023-12-10')
      .executeTakeFirstOrThrow();
    expect(game).toMatchObject({ away_team: 'BUF', home_score: 17, away_score: 20, season: 2023 });
    const lines = await db
      .selectFrom('market_lines')
      .selectAll()
      .where('game_id', '=', game.game_id)
      .execute();
    const totals = lines.find((l) => l.market === 'totals');
    const spreads = lines.find((l) => l.market === 'spreads');
    expect(totals).toMatchObject({
      point_a: 49.5,
      point_b: 49.5,
      price_a: -110,
      price_b: -110,
      bookmaker: 'closing',
    });
    expect(spreads).toMatchObject({ point_a: -2, point_b: 2 });
  });

  it('is idempotent: a second import changes nothing', async () => {
    const before = await db
      .selectFrom('market_lines')
      .selectAll()
      .orderBy(['game_id', 'market'])
      .execute();
    const summary = await importHistoryFile(db, 'nfl', FIXTURE);
    expect(summary.games).toEqual({ inserted: 0, updated: 0, unchanged: 15 });
    expect(summary.lines).toEqual({ inserted: 0, updated: 0, unchanged: 45 });
    const after = await db
      .selectFrom('market_lines')
      .selectAll()
      .orderBy(['game_id', 'market'])
      .execute();
    expect(after).toEqual(before);
  });

  it('imports nothing from a file with a malformed row and names file:line', async () => {
    const text = fs.readFileSync(FIXTURE, 'utf8').split('\n');
    // Line 5 of the file: break the home score of a game that is not yet in the database.
    const cols = text[4]!.split(',');
    cols[0] = '2023_14_ZZZ_YYY';
    cols[7] = 'ZZZ';
    cols[9] = 'YYY';
    cols[10] = 'seventeen';
    text[4] = cols.join(',');
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bv-')), 'bad.csv');
    fs.writeFileSync(bad, text.join('\n'));
    const gamesBefore = await countRows(db, 'games');
    const error = await importHistoryFile(db, 'nfl', bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).message).toContain(`${bad}:5`);
    expect(await countRows(db, 'games')).toBe(gamesBefore);
  });
});
