import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { parseHistoryCsv, type ImportResult } from '../../../core/importers';

const FIXTURE = path.join(__dirname, '../../fixtures/history/mlb/games.csv');
const text = fs.readFileSync(FIXTURE, 'utf8');
const parse = (t: string): ImportResult => parseHistoryCsv('mlb', t, 'games.csv');

function editLine(t: string, n: number, edit: (line: string) => string): string {
  const lines = t.split('\n');
  lines[n - 1] = edit(lines[n - 1] ?? '');
  return lines.join('\n');
}

function quotesOf(r: ImportResult, gameId: string) {
  return Object.fromEntries(r.quotes.filter((q) => q.gameId === gameId).map((q) => [q.market, q]));
}

describe('MLB importer (SBRO one-row-per-game excerpt)', () => {
  const result = parse(text);

  it('imports 138 of 139 rows and reports the NA-score game as skipped', () => {
    expect(result.games).toHaveLength(138);
    expect(result.skipped).toEqual([{ line: 101, reason: 'no final score (v_final/h_final NA)' }]);
    expect(result.seasons).toEqual([2010, 2016]);
    const count = (m: string) => result.quotes.filter((q) => q.market === m).length;
    expect(count('totals')).toBe(131); // 2010-09-26/27 closing totals are NA
    expect(count('spreads')).toBe(111); // no run lines before 2014
    expect(count('h2h')).toBe(138);
    expect(result.games.every((g) => g.overtime === null && !g.neutralSite)).toBe(true);
  });

  it('numbers a doubleheader #2 and reads both run lines from the home side', () => {
    const first = 'mlb:2016:2016-06-07:NYM@PIT';
    const second = `${first}#2`;
    expect(result.games.find((g) => g.gameId === first)).toMatchObject({
      commenceTime: '2016-06-07T23:00:00.000Z',
      awayScore: 1,
      homeScore: 3,
      meta: { awayRot: 951, homeRot: 952, openTotal: 7.5, runLineNote: null },
    });
    expect(quotesOf(result, first)).toMatchObject({
      totals: { pointA: 7.5, pointB: 7.5, priceA: -105, priceB: -115 },
      spreads: { pointA: -1.5, pointB: 1.5, priceA: 170, priceB: -200 },
      h2h: { priceA: -140, priceB: 125 },
    });
    expect(result.games.find((g) => g.gameId === second)).toMatchObject({ meta: { awayRot: 981 } });
    // Game 2: NYM favoured, so PIT (home) gets +1.5.
    expect(quotesOf(result, second)).toMatchObject({
      totals: { pointA: 7.5, priceA: -110, priceB: -110 },
      spreads: { pointA: 1.5, pointB: -1.5, priceA: -145, priceB: 125 },
      h2h: { priceA: 119, priceB: -134 },
    });
  });

  it('imports a game with an NA closing total without a totals quote', () => {
    const id = 'mlb:2010:2010-09-26:HOU@PIT';
    expect(result.games.find((g) => g.gameId === id)).toMatchObject({ awayScore: 3, homeScore: 9 });
    const q = quotesOf(result, id);
    expect(q.totals).toBeUndefined();
    expect(q.spreads).toBeUndefined();
    expect(q.h2h).toMatchObject({ priceA: -109, priceB: -111 });
  });

  it('omits a run line whose two sides do not mirror, noting why', () => {
    const edited = editLine(text, 110, (l) => l.replace(',1.5,-200,', ',-1.5,-200,'));
    const r = parse(edited);
    const id = 'mlb:2016:2016-06-07:NYM@PIT';
    expect(quotesOf(r, id).spreads).toBeUndefined();
    expect(r.games.find((g) => g.gameId === id)?.meta.runLineNote).toMatch(/inconsistent run line/);
  });

  it.each([
    [
      (l: string) => l.replace(',NYM,1,952,PIT,3,', ',NYM,one,952,PIT,3,'),
      'v_final: expected an integer, got "one"',
    ],
    [
      (l: string) => l.replace(',7.5,-105,-115,0', ',7.5,-105,-115,2'),
      'neutral: expected one of 0/1, got "2"',
    ],
    [
      (l: string) => l.replace(',7.5,-105,-115,7.5,', ',7.5,-105,-115,x,'),
      'ou_close: expected a number or "NA"/"NL", got "x"',
    ],
    [
      (l: string) => l.replace('2016-06-07', '2016-13-07'),
      'date: expected a date YYYY-MM-DD, got "2016-13-07"',
    ],
  ])('fails the whole file on a malformed row (%#)', (edit, reason) => {
    expect(() => parse(editLine(text, 110, edit))).toThrow(`games.csv:110: ${reason}`);
  });
});
