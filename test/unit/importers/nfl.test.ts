import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseHistoryCsv, type ImportResult } from '../../../core/importers';

const FIXTURE = path.join(__dirname, '../../fixtures/history/nfl/games.csv');
const text = fs.readFileSync(FIXTURE, 'utf8');
const parse = (t: string): ImportResult => parseHistoryCsv('nfl', t, 'games.csv');

/** Replaces 1-based line `n` of `t` via `edit`. */
function editLine(t: string, n: number, edit: (line: string) => string): string {
  const lines = t.split('\n');
  lines[n - 1] = edit(lines[n - 1] ?? '');
  return lines.join('\n');
}

function quotesOf(r: ImportResult, gameId: string) {
  return Object.fromEntries(r.quotes.filter((q) => q.gameId === gameId).map((q) => [q.market, q]));
}

describe('NFL importer (nflverse games.csv excerpt)', () => {
  const result = parse(text);

  it('imports every game with its closing lines', () => {
    expect(result.sport).toBe('nfl');
    expect(result.games).toHaveLength(61);
    expect(result.skipped).toEqual([]);
    expect(result.seasons).toEqual([1999, 2022]);
    const count = (m: string) => result.quotes.filter((q) => q.market === m).length;
    expect(count('totals')).toBe(61);
    expect(count('spreads')).toBe(61);
    // 1999 has no moneylines.
    expect(count('h2h')).toBe(46);
    expect(result.games.filter((g) => g.neutralSite)).toHaveLength(2);
    expect(result.games.filter((g) => g.overtime)).toHaveLength(4);
    expect(new Set(result.games.map((g) => g.gameId)).size).toBe(61);
  });

  it('reads a London game: neutral site, 09:30 ET kick-off, away-favoured spread', () => {
    const game = result.games.find((g) => g.gameId === 'nfl:2022:2022-10-02:MIN@NO');
    expect(game).toMatchObject({
      season: 2022,
      gameDate: '2022-10-02',
      commenceTime: '2022-10-02T13:30:00.000Z',
      awayTeam: 'MIN',
      homeTeam: 'NO',
      awayScore: 28,
      homeScore: 25,
      neutralSite: true,
      overtime: false,
      homePeriods: null,
      meta: {
        week: 4,
        gameType: 'REG',
        sourceGameId: '2022_04_MIN_NO',
        roof: 'outdoors',
        surface: null,
      },
    });
    const q = quotesOf(result, 'nfl:2022:2022-10-02:MIN@NO');
    expect(q.totals).toMatchObject({
      bookmaker: 'closing',
      lineKey: '',
      pointA: 42,
      pointB: 42,
      priceA: -102,
      priceB: -110,
    });
    expect(q.totals?.lastUpdate).toBe('2022-10-02T13:30:00.000Z');
    // spread_line −4 = home favoured by −4, i.e. MIN favoured by 4 → home handicap +4.
    expect(q.spreads).toMatchObject({ pointA: 4, pointB: -4, priceA: -107, priceB: -103 });
    expect(q.h2h).toMatchObject({ pointA: null, pointB: null, priceA: 177, priceB: -199 });
  });

  it('reads a home favourite in overtime', () => {
    const id = 'nfl:2022:2022-10-02:NE@GB';
    expect(result.games.find((g) => g.gameId === id)).toMatchObject({
      overtime: true,
      homeScore: 27,
      awayScore: 24,
    });
    expect(quotesOf(result, id).spreads).toMatchObject({
      pointA: -10,
      pointB: 10,
      priceA: 109,
      priceB: -120,
    });
  });

  it('defaults a missing kick-off time to 13:00 ET and omits absent prices', () => {
    const id = 'nfl:1999:1999-09-12:MIN@ATL';
    expect(result.games.find((g) => g.gameId === id)).toMatchObject({
      commenceTime: '1999-09-12T17:00:00.000Z',
      meta: { gametimeKnown: false, roof: 'dome' },
    });
    const q = quotesOf(result, id);
    expect(q.totals).toMatchObject({ pointA: 49, priceA: null, priceB: null });
    expect(q.spreads).toMatchObject({ pointA: 4, priceA: null, priceB: null });
    expect(q.h2h).toBeUndefined();
  });

  it('skips a game without scores (not played) and says so', () => {
    const edited = editLine(text, 3, (l) => l.replace(',KC,17,CHI,20,', ',KC,,CHI,,'));
    const r = parse(edited);
    expect(r.games).toHaveLength(60);
    expect(r.skipped).toEqual([{ line: 3, reason: 'no final score (game not played)' }]);
  });

  it.each([
    [
      'a non-numeric score',
      (l: string) => l.replace(',MIN,28,NO,25,', ',MIN,28,NO,2x,'),
      'home_score: expected an integer, got "2x"',
    ],
    ['a missing column', (l: string) => l.replace(',Neutral,', ','), 'expected 46 columns, got 45'],
    [
      'an impossible date',
      (l: string) => l.replace('2022-10-02', '2022-02-30'),
      'gameday: expected a date YYYY-MM-DD, got "2022-02-30"',
    ],
    [
      'a bad kick-off time',
      (l: string) => l.replace('09:30', '9h30'),
      'gametime: expected HH:MM, got "9h30"',
    ],
    [
      'an unknown location',
      (l: string) => l.replace('Neutral', 'Away'),
      'location: expected one of Home/Neutral, got "Away"',
    ],
  ])('fails the whole file on %s, naming file:line', (_what, edit, reason) => {
    const edited = editLine(text, 18, edit);
    expect(() => parse(edited)).toThrow(new CsvFormatError('games.csv', 18, reason));
    expect(() => parse(edited)).toThrow(`games.csv:18: ${reason}`);
  });

  it('fails on a header without the required columns', () => {
    const edited = editLine(text, 1, (l) => l.replace('spread_line', 'spread'));
    expect(() => parse(edited)).toThrow('games.csv:1: header lacks column(s): spread_line');
  });
});
