import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { parseHistoryCsv, type ImportResult } from '../../../core/importers';

const DIR = path.join(__dirname, '../../fixtures/history/ncaaf');
const text2014 = fs.readFileSync(path.join(DIR, 'cfb_odds_2014.csv'), 'utf8');
const text2016 = fs.readFileSync(path.join(DIR, 'cfb_odds_2016.csv'), 'utf8');
const parse = (t: string, name = 'cfb_odds_2014.csv'): ImportResult =>
  parseHistoryCsv('ncaaf', t, name);

function editLine(t: string, n: number, edit: (line: string) => string): string {
  const lines = t.split('\n');
  lines[n - 1] = edit(lines[n - 1] ?? '');
  return lines.join('\n');
}

function quotesOf(r: ImportResult, gameId: string) {
  return Object.fromEntries(r.quotes.filter((q) => q.gameId === gameId).map((q) => [q.market, q]));
}

describe('NCAAF importer (cfb-betting one-row-per-game)', () => {
  const result = parse(text2014);

  it('imports every game; the season comes from the file name, bowls in January', () => {
    expect(result.games).toHaveLength(110);
    expect(result.skipped).toEqual([]);
    expect(result.seasons).toEqual([2014]);
    expect(result.games.filter((g) => g.gameDate.startsWith('2015-01'))).toHaveLength(10);
    for (const m of ['totals', 'spreads', 'h2h']) {
      expect(result.quotes.filter((q) => q.market === m)).toHaveLength(110);
    }
    expect(result.games.every((g) => !g.neutralSite && g.overtime === null)).toBe(true);
  });

  it('turns the away line into a home handicap (home favourite)', () => {
    const id = 'ncaaf:2014:2014-08-28:TEXAS-AM@SOUTH-CAROLINA';
    expect(result.games.find((g) => g.gameId === id)).toMatchObject({
      awayScore: 52,
      homeScore: 28,
      commenceTime: '2014-08-28T17:00:00.000Z',
    });
    // Away line +9 → South Carolina favoured by 9 → home −9.
    expect(quotesOf(result, id)).toMatchObject({
      totals: { pointA: 60.5, pointB: 60.5, priceA: null, priceB: null },
      spreads: { pointA: -9, pointB: 9, priceA: null, priceB: null },
      h2h: { priceA: -330, priceB: 270 },
    });
  });

  it('turns the away line into a home handicap (away favourite) and reads pk as 0', () => {
    expect(quotesOf(result, 'ncaaf:2014:2014-08-28:MISSISSIPPI@BOISE-STATE').spreads).toMatchObject(
      {
        pointA: 10,
        pointB: -10,
      },
    );
    const pk = quotesOf(result, 'ncaaf:2014:2014-09-13:ARKANSAS@TEXAS-TECH').spreads;
    expect(Object.is(pk?.pointA, 0)).toBe(true);
  });

  it('puts January bowls in the next calendar year, EST kick-off', () => {
    const id = 'ncaaf:2014:2015-01-12:OHIO-STATE@OREGON';
    expect(result.games.find((g) => g.gameId === id)).toMatchObject({
      season: 2014,
      awayScore: 42,
      homeScore: 20,
      commenceTime: '2015-01-12T18:00:00.000Z',
    });
  });

  it('imports an NL-moneyline game without an h2h quote', () => {
    const r = parse(text2016, 'cfb_odds_2016.csv');
    expect(r.games).toHaveLength(39);
    expect(r.quotes.filter((q) => q.market === 'h2h')).toHaveLength(38);
    expect(quotesOf(r, 'ncaaf:2016:2016-09-03:FRESNO-STATE@NEBRASKA').h2h).toBeUndefined();
  });

  it.each([
    [5, (l: string) => l.replace(',35,13,', ',35,,'), 'home_score: expected an integer, got ""'],
    [5, (l: string) => l.replace('828,', '0828x,'), 'date: expected a month-day MMDD, got "0828x"'],
    [
      5,
      (l: string) => l.replace(',-10,', ',even,'),
      'spread: expected a number or "NL"/blank, got "even"',
    ],
    [5, (l: string) => l.replace(',51.5', ''), 'expected 9 columns, got 8'],
  ])('fails the whole file on malformed line %i', (line, edit, reason) => {
    expect(() => parse(editLine(text2014, line, edit))).toThrow(
      `cfb_odds_2014.csv:${line}: ${reason}`,
    );
  });

  it('needs a season year in the file name', () => {
    expect(() => parse(text2014, 'cfb_odds.csv')).toThrow(
      'cfb_odds.csv:0: file name must contain the season year YYYY',
    );
  });
});
