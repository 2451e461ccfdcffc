/**
 * The `file:` source: a JSON file in Odds API shape goes through the same normalisation as an
 * API payload. The fixture was generated from the real nflverse history (see
 * support/make-odds-fixture.ts), so its games must land exactly on the imported history games.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNflCsv } from '../../core/importers';
import { normalizeOddsPayload } from '../../core/odds-api';
import {
  loadSlateOddsFile,
  OddsFileError,
  oddsFilePath,
  readOddsFile,
} from '../../odds/file-source';
import { FIXTURE_DATE, FIXTURE_PATH } from './support/make-odds-fixture';

const WEEK14 = path.join(__dirname, '../fixtures/slates/nfl-2023-week14.csv');

describe('odds file source', () => {
  it('normalises the NFL 2023-12-10 file onto the imported history games', async () => {
    const payload = await readOddsFile(FIXTURE_PATH);
    const result = normalizeOddsPayload('nfl', payload, { fetchedAt: '2023-12-10T16:00:00Z' });
    expect(result.quarantined).toEqual([]);

    const history = parseNflCsv(fs.readFileSync(WEEK14, 'utf8'), 'nfl-2023-week14.csv');
    const sameDay = history.games.filter((g) => g.gameDate === FIXTURE_DATE);
    expect(sameDay).toHaveLength(12);
    expect(result.events.map((e) => e.game.gameId).sort()).toEqual(
      sameDay.map((g) => g.gameId).sort(),
    );

    for (const event of result.events) {
      const game = sameDay.find((g) => g.gameId === event.game.gameId)!;
      expect(event.game).toMatchObject({
        season: game.season,
        gameDate: game.gameDate,
        commenceTime: game.commenceTime,
        homeTeam: game.homeTeam,
        awayTeam: game.awayTeam,
      });
      // Same closing lines as the importer, served "10 minutes before kick-off".
      const expected = history.quotes
        .filter((q) => q.gameId === game.gameId)
        .map((q) => ({
          ...q,
          lastUpdate: new Date(Date.parse(game.commenceTime) - 600_000).toISOString(),
        }));
      expect([...event.quotes].sort((a, b) => a.market.localeCompare(b.market))).toEqual(
        expected.sort((a, b) => a.market.localeCompare(b.market)),
      );
      // No 1H market in the file: R2b must see NO_MARKET, never a derived line.
      expect(event.marketsListed).toEqual(['h2h', 'spreads', 'totals']);
    }
    // Sunday night game (20:20 ET = 01:20Z next day) stays on the 10th.
    expect(result.events.some((e) => e.game.gameId === 'nfl:2023:2023-12-10:PHI@DAL')).toBe(true);
  });

  it('loads a slate from a file like fetchSlateOdds does: captures, games of the date, quarantine', async () => {
    const now = () => new Date('2023-12-10T16:00:00Z');
    const slate = await loadSlateOddsFile(FIXTURE_PATH, 'nfl', FIXTURE_DATE, { now });
    expect(slate.games).toHaveLength(12);
    expect(slate.quotes).toHaveLength(36);
    expect(slate.captures).toEqual([
      {
        request: `file:${FIXTURE_PATH}`,
        eventId: null,
        fetchedAt: '2023-12-10T16:00:00.000Z',
        payload: await readOddsFile(FIXTURE_PATH),
      },
    ]);
    // Another date in the same file: no games of this slate.
    expect((await loadSlateOddsFile(FIXTURE_PATH, 'nfl', '2023-12-11')).games).toEqual([]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bv-odds-'));
    const events = (await readOddsFile(FIXTURE_PATH)) as Record<string, unknown>[];
    delete events[2]!.away_team;
    const edited = path.join(dir, 'edited.json');
    fs.writeFileSync(edited, JSON.stringify(events));
    const partly = await loadSlateOddsFile(edited, 'nfl', FIXTURE_DATE);
    expect(partly.games).toHaveLength(11);
    expect(partly.quarantined).toEqual([
      expect.objectContaining({
        index: 2,
        reason: 'away_team: Required',
        request: `file:${edited}`,
        payload: events[2],
      }),
    ]);
    const object = path.join(dir, 'object.json');
    fs.writeFileSync(object, '{"events": []}');
    expect((await loadSlateOddsFile(object, 'nfl', FIXTURE_DATE)).quarantined).toEqual([
      expect.objectContaining({
        index: -1,
        reason: 'expected a JSON array of events, got an object',
      }),
    ]);
  });

  it('stays small', () => {
    expect(fs.statSync(FIXTURE_PATH).size).toBeLessThan(30 * 1024);
  });

  it('reports a missing file and invalid JSON with the path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bv-odds-'));
    const missing = path.join(dir, 'nope.json');
    await expect(readOddsFile(missing)).rejects.toThrow(new OddsFileError(missing, 'no such file'));
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '[{"id": "x",');
    const error = await readOddsFile(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OddsFileError);
    expect((error as OddsFileError).message).toMatch(
      new RegExp(`^odds file ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`),
    );
  });

  it('parses file: sources', () => {
    expect(oddsFilePath('file:/tmp/x.json')).toBe('/tmp/x.json');
    expect(oddsFilePath('file:')).toBeNull();
    expect(oddsFilePath('history')).toBeNull();
  });
});
