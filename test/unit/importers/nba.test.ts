import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { parseHistoryCsv, type ImportResult } from '../../../core/importers';

const FIXTURE = path.join(__dirname, '../../fixtures/history/nba/games.csv');
const text = fs.readFileSync(FIXTURE, 'utf8');
const parse = (t: string): ImportResult => parseHistoryCsv('nba', t, 'games.csv');

function editLine(t: string, n: number, edit: (line: string) => string): string {
  const lines = t.split('\n');
  lines[n - 1] = edit(lines[n - 1] ?? '');
  return lines.join('\n');
}

function quotesOf(r: ImportResult, gameId: string) {
  return Object.fromEntries(r.quotes.filter((q) => q.gameId === gameId).map((q) => [q.market, q]));
}

describe('NBA importer (Kaggle games.csv excerpt)', () => {
  const result = parse(text);

  it('imports every game; missing spreads / moneylines just lack that quote', () => {
    expect(result.games).toHaveLength(75);
    expect(result.skipped).toEqual([]);
    // File seasons 2022 and 2023 are END years → start years 2021 and 2022.
    expect(result.seasons).toEqual([2021, 2022]);
    const count = (m: string) => result.quotes.filter((q) => q.market === m).length;
    expect(count('totals')).toBe(75);
    expect(count('spreads')).toBe(73);
    expect(count('h2h')).toBe(62);
    expect(result.games.filter((g) => g.overtime)).toHaveLength(4);
    expect(result.games.every((g) => !g.neutralSite)).toBe(true);
  });

  it('reads a home favourite with 7 pm ET default tip-off (EST)', () => {
    const id = 'nba:2022:2023-01-15:HOU@LAC';
    expect(result.games.find((g) => g.gameId === id)).toMatchObject({
      season: 2022,
      commenceTime: '2023-01-16T00:00:00.000Z',
      awayTeam: 'HOU',
      homeTeam: 'LAC',
      awayScore: 100,
      homeScore: 121,
      awayPeriods: [30, 33, 27, 10],
      homePeriods: [31, 31, 29, 30],
      overtime: false,
      meta: { regular: true, playoffs: false, secondHalfSpread: 6.5, secondHalfTotal: 108.5 },
    });
    const q = quotesOf(result, id);
    expect(q.spreads).toMatchObject({ pointA: -10, pointB: 10, priceA: null, priceB: null });
    expect(q.totals).toMatchObject({ pointA: 221, pointB: 221, priceA: null, priceB: null });
    expect(q.h2h).toMatchObject({ priceA: -500, priceB: 400 });
  });

  it('adds summed OT points as a 5th period and flags overtime', () => {
    const id = 'nba:2021:2022-02-25:SA@WSH';
    expect(result.games.find((g) => g.gameId === id)).toMatchObject({
      awayScore: 157,
      homeScore: 153,
      awayPeriods: [30, 45, 26, 29, 27],
      homePeriods: [33, 38, 29, 30, 23],
      overtime: true,
    });
    // whos_favored = away, spread 3.5 → home handicap +3.5.
    expect(quotesOf(result, id).spreads).toMatchObject({ pointA: 3.5, pointB: -3.5 });
  });

  it('imports a game with a blank spread without a spreads quote', () => {
    const q = quotesOf(result, 'nba:2021:2022-02-24:DEN@SAC');
    expect(q.spreads).toBeUndefined();
    expect(q.totals).toMatchObject({ pointA: 235.5 });
    expect(q.h2h).toMatchObject({ priceA: 145, priceB: -165 });
    expect(quotesOf(result, 'nba:2022:2023-01-17:PHI@LAC').h2h).toBeUndefined();
  });

  it("stores a pick'em spread as 0, never -0", () => {
    const edited = editLine(text, 48, (l) => l.replace(',home,10.0,', ',home,0.0,'));
    const q = quotesOf(parse(edited), 'nba:2022:2023-01-15:HOU@LAC');
    expect(Object.is(q.spreads?.pointA, 0)).toBe(true);
    expect(Object.is(q.spreads?.pointB, 0)).toBe(true);
  });

  it.each([
    [
      (l: string) => l.replace(',100,121,', ',100,abc,'),
      'score_home: expected an integer, got "abc"',
    ],
    [
      (l: string) => l.replace(',home,10.0,', ',house,10.0,'),
      'whos_favored: expected one of home/away, got "house"',
    ],
    [
      (l: string) => l.replace('2023-01-15', '15/01/2023'),
      'date: expected a date YYYY-MM-DD, got "15/01/2023"',
    ],
    [(l: string) => `${l},extra`, 'expected 27 columns, got 28'],
  ])('fails the whole file on a malformed row (%#)', (edit, reason) => {
    expect(() => parse(editLine(text, 48, edit))).toThrow(`games.csv:48: ${reason}`);
  });
});
