import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { parseHistoryCsv, type ImportResult } from '../../../core/importers';
import { resolveTeamInSeason } from '../../../core/teams';

const codeOf = (sport: 'nhl' | 'ncaab', name: string): string | null => {
  const r = resolveTeamInSeason(sport, name, 2019);
  return r.ok ? r.code : null;
};

const DIR = path.join(__dirname, '../../fixtures/history/nhl');
const text1920 = fs.readFileSync(path.join(DIR, 'nhl_odds_2019-20.csv'), 'utf8');
const text1617 = fs.readFileSync(path.join(DIR, 'nhl_odds_2016-17.csv'), 'utf8');
const parse = (t: string, name = 'nhl_odds_2019-20.csv'): ImportResult =>
  parseHistoryCsv('nhl', t, name);

function editLine(t: string, n: number, edit: (line: string) => string): string {
  const lines = t.split('\n');
  lines[n - 1] = edit(lines[n - 1] ?? '');
  return lines.join('\n');
}

function quotesOf(r: ImportResult, gameId: string) {
  return Object.fromEntries(r.quotes.filter((q) => q.gameId === gameId).map((q) => [q.market, q]));
}

describe('NHL importer (SBRO two-row sheets)', () => {
  const result = parse(text1920);

  it('pairs rows into games, season from the file name', () => {
    expect(result.games).toHaveLength(50);
    expect(result.skipped).toEqual([]);
    expect(result.seasons).toEqual([2019]);
    expect(result.games.filter((g) => g.neutralSite)).toHaveLength(16);
    for (const m of ['totals', 'spreads', 'h2h']) {
      expect(result.quotes.filter((q) => q.market === m)).toHaveLength(50);
    }
  });

  it('keys the reversed pair (home row first) on VH, not row order', () => {
    const id = 'nhl:2019:2020-01-17:DETROIT@PITTSBURGH';
    expect(result.games.find((g) => g.gameId === id)).toMatchObject({
      awayTeam: 'DETROIT',
      homeTeam: 'PITTSBURGH',
      awayScore: 1,
      homeScore: 2,
      awayPeriods: [0, 1, 0],
      homePeriods: [0, 0, 1],
      overtime: true,
      neutralSite: false,
      commenceTime: '2020-01-18T00:00:00.000Z',
      meta: { awayRot: 56, homeRot: 55, homeRowFirst: true },
    });
    expect(quotesOf(result, id)).toMatchObject({
      // Visitor-row price = Over, home-row price = Under.
      totals: { pointA: 6, pointB: 6, priceA: -115, priceB: -105 },
      spreads: { pointA: -1.5, pointB: 1.5, priceA: 110, priceB: -130 },
      h2h: { priceA: -230, priceB: 205 },
    });
  });

  it('reads a bubble N/N game (first row away) and unifies the `Tampa` typo', () => {
    const id = 'nhl:2019:2020-08-03:WASHINGTON@TAMPABAY';
    expect(result.games.find((g) => g.gameId === id)).toMatchObject({
      neutralSite: true,
      awayScore: 2,
      homeScore: 3,
      overtime: true,
      commenceTime: '2020-08-03T23:00:00.000Z',
    });
    expect(quotesOf(result, id)).toMatchObject({
      totals: { pointA: 6, priceA: -105, priceB: -115 },
      spreads: { pointA: -1.5, priceA: 180, priceB: -205 },
      h2h: { priceA: -140, priceB: 130 },
    });
  });

  it('reads the spaced 2016-17 header and skips a pair whose Final contradicts its periods', () => {
    const r = parse(text1617, 'nhl_odds_2016-17.csv');
    expect(r.games).toHaveLength(30);
    expect(r.seasons).toEqual([2016]);
    const reason = 'inconsistent score: periods add up to more than Final';
    expect(r.skipped).toEqual([
      { line: 62, reason },
      { line: 63, reason },
    ]);
    const id = 'nhl:2016:2016-10-12:TORONTO@OTTAWA';
    expect(r.games.find((g) => g.gameId === id)).toMatchObject({
      awayScore: 4,
      homeScore: 5,
      overtime: true,
      commenceTime: '2016-10-12T23:00:00.000Z',
    });
    expect(quotesOf(r, id)).toMatchObject({
      totals: { pointA: 5.5, priceA: 105, priceB: -125 },
      spreads: { pointA: -1.5, priceA: 205, priceB: -245 },
      h2h: { priceA: -141, priceB: 121 },
    });
    // December belongs to the season's start year, January to the next.
    expect(r.games.some((g) => g.gameDate === '2016-12-12')).toBe(true);
  });

  it.each([
    ['F', 'no final score (Final "F")'],
    ['', 'no final score (Final "")'],
  ])('skips both rows of a game whose Final is %j', (final, reason) => {
    const edited = editLine(text1920, 35, (l) =>
      l.replace(',0,1,0,1,192,', `,0,1,0,${final},192,`),
    );
    const r = parse(edited);
    expect(r.games).toHaveLength(49);
    expect(r.skipped).toEqual([
      { line: 34, reason },
      { line: 35, reason },
    ]);
    expect(r.games.some((g) => g.gameId.includes('DETROIT@PITTSBURGH'))).toBe(false);
    expect(r.quotes.some((q) => q.gameId.includes('DETROIT@PITTSBURGH'))).toBe(false);
  });

  it.each([
    [35, (l: string) => l.replace(',V,Detroit,', ',X,Detroit,'), 'VH: expected V/H/N, got "X"'],
    [
      35,
      (l: string) => l.replace(',V,Detroit,', ',H,Detroit,'),
      'rows 34-35 do not form a visitor/home pair (VH H,H)',
    ],
    [34, (l: string) => l.replace('117,55,', '1317,55,'), 'pair rows 34-35 have different dates'],
    [35, (l: string) => l.replace('117,56,', '1341,56,'), 'pair rows 34-35 have different dates'],
    [
      35,
      (l: string) => l.replace(',0,1,0,1,192,', ',0,1,0,one,192,'),
      'final: expected an integer, got "one"',
    ],
    [35, (l: string) => l.replace(',192,205,', ',192,205,x,'), 'expected 16 columns, got 17'],
  ])('malformed line %i fails the file (or skips a date-split pair)', (line, edit, reason) => {
    const edited = editLine(text1920, line, edit);
    if (reason.startsWith('pair rows')) {
      const r = parse(edited);
      expect(r.skipped.map((s) => s.line)).toEqual([34, 35]);
      expect(r.skipped[0]?.reason).toContain(reason);
      return;
    }
    expect(() => parse(edited)).toThrow(`nhl_odds_2019-20.csv:${line}: ${reason}`);
  });

  it('fails on an impossible month-day', () => {
    const edited = editLine(text1920, 34, (l) => l.replace('117,55,', '1317,55,'));
    const both = editLine(edited, 35, (l) => l.replace('117,56,', '1317,56,'));
    expect(() => parse(both)).toThrow(
      'nhl_odds_2019-20.csv:35: date: expected a month-day MMDD, got "1317"',
    );
  });

  it('fails on an unpaired last row, a wrong header, or a file name without a season', () => {
    const lines = text1920.trimEnd().split('\n');
    expect(() => parse(lines.slice(0, -1).join('\n'))).toThrow(
      'nhl_odds_2019-20.csv:100: row has no partner row (odd number of rows)',
    );
    expect(() => parse(editLine(text1920, 1, (l) => l.replace('CloseOU', 'Closing')))).toThrow(
      /^nhl_odds_2019-20\.csv:1: unexpected header/,
    );
    expect(() => parse(text1920, 'nhl_odds.csv')).toThrow(
      'nhl_odds.csv:0: file name must contain the season as YYYY-YY',
    );
  });

  it('omits a puck line whose sides do not mirror, noting why', () => {
    const edited = editLine(text1920, 35, (l) => l.replace(',192,205,1.5,', ',192,205,-1.5,'));
    const r = parse(edited);
    const id = 'nhl:2019:2020-01-17:DETROIT@PITTSBURGH';
    expect(quotesOf(r, id).spreads).toBeUndefined();
    expect(quotesOf(r, id).totals).toBeDefined();
    expect(r.games.find((g) => g.gameId === id)?.meta.lineNote).toBe(
      'puck lines do not mirror (-1.5 / -1.5)',
    );
  });

  it('maps the known team typos and spacing variants to one name', () => {
    expect(codeOf('nhl', 'Arizonas')).toBe('ARIZONA');
    expect(codeOf('nhl', 'Tampa')).toBe('TAMPABAY');
    expect(codeOf('nhl', 'Tampa Bay')).toBe('TAMPABAY');
    expect(codeOf('nhl', ' TampaBay ')).toBe('TAMPABAY');
    expect(codeOf('nhl', 'St. Louis')).toBe('ST.LOUIS');
  });
});
