import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { parseHistoryCsv, type ImportResult } from '../../../core/importers';
import { resolveTeamInSeason } from '../../../core/teams';

const codeOf = (sport: 'nhl' | 'ncaab', name: string): string | null => {
  const r = resolveTeamInSeason(sport, name, 2018);
  return r.ok ? r.code : null;
};
import { decodeNcaabClose } from '../../../core/importers/ncaab';

const DIR = path.join(__dirname, '../../fixtures/history/ncaab');
const text1516 = fs.readFileSync(path.join(DIR, 'ncaab_odds_2015-16.csv'), 'utf8');
const text1819 = fs.readFileSync(path.join(DIR, 'ncaab_odds_2018-19.csv'), 'utf8');
const parse = (t: string, name = 'ncaab_odds_2015-16.csv'): ImportResult =>
  parseHistoryCsv('ncaab', t, name);

function editLine(t: string, n: number, edit: (line: string) => string): string {
  const lines = t.split('\n');
  lines[n - 1] = edit(lines[n - 1] ?? '');
  return lines.join('\n');
}

function quotesOf(r: ImportResult, gameId: string) {
  return Object.fromEntries(r.quotes.filter((q) => q.gameId === gameId).map((q) => [q.market, q]));
}

describe('NCAAB importer (SBRO two-row sheets)', () => {
  const result = parse(text1516);

  it('imports 48 of 49 pairs and skips the pair without scores', () => {
    expect(result.games).toHaveLength(48);
    expect(result.seasons).toEqual([2015]);
    expect(result.skipped).toEqual([
      { line: 36, reason: 'no final score (Final blank)' },
      { line: 37, reason: 'no final score (Final blank)' },
    ]);
    const count = (m: string) => result.quotes.filter((q) => q.market === m).length;
    expect(count('totals')).toBe(48);
    expect(count('spreads')).toBe(48);
    // Moneylines are `NL` (both rows) for 5 games on 27 Dec (fixture lines 2-3, 6-13).
    expect(count('h2h')).toBe(43);
  });

  it('reads the favourite row as the spread and the other as the total (home favourite)', () => {
    const id = 'ncaab:2015:2015-12-27:MARSHALL@MARYLAND';
    expect(result.games.find((g) => g.gameId === id)).toMatchObject({
      awayScore: 67,
      homeScore: 87,
      awayPeriods: [36, 31],
      homePeriods: [46, 41],
      overtime: false,
      neutralSite: false,
      commenceTime: '2015-12-28T00:00:00.000Z',
      meta: { awayRot: 509, homeRot: 510 },
    });
    const q = quotesOf(result, id);
    expect(q.totals).toMatchObject({ pointA: 157.5, pointB: 157.5, priceA: null, priceB: null });
    expect(q.spreads).toMatchObject({ pointA: -22.5, pointB: 22.5 });
    expect(q.h2h).toBeUndefined();
  });

  it('reads a visitor favourite (home handicap positive) and aliases team names', () => {
    const id = 'ncaab:2015:2015-12-28:VALPARAISO@BELMONT';
    expect(quotesOf(result, id)).toMatchObject({
      totals: { pointA: 143.5 },
      spreads: { pointA: 4, pointB: -4 },
      h2h: { priceA: 160, priceB: -180 },
    });
    expect(
      result.games.some((g) => g.gameId === 'ncaab:2015:2015-12-27:MIDDLETENNST@SOUTHDAKOTASTATE'),
    ).toBe(true);
  });

  it('derives overtime from halves', () => {
    expect(
      result.games.find((g) => g.gameId === 'ncaab:2015:2015-12-29:JACKSONVILLEST@ALABAMA'),
    ).toMatchObject({
      awayScore: 59,
      homeScore: 67,
      overtime: true,
    });
  });

  it("skips a pair whose rows carry different dates, and reads a pick'em", () => {
    const r = parse(text1819, 'ncaab_odds_2018-19.csv');
    expect(r.games).toHaveLength(12);
    const reason = 'pair rows 8-9 have different dates (1125 vs 1124)';
    expect(r.skipped).toEqual([
      { line: 8, reason },
      { line: 9, reason },
    ]);
    const q = quotesOf(r, 'ncaab:2018:2018-11-23:LAMAR@UTRIOGRANDEVALLEY');
    expect(q.totals).toMatchObject({ pointA: 146.5 });
    expect(Object.is(q.spreads?.pointA, 0)).toBe(true);
  });

  it('decodes lone and missing closing values', () => {
    const num = (value: number) => ({ kind: 'number', value }) as const;
    const none = { kind: 'none' } as const;
    const pk = { kind: 'pk' } as const;
    expect(decodeNcaabClose(none, num(29.5))).toEqual({ total: null, homePoint: -29.5 });
    expect(decodeNcaabClose(num(6.5), none)).toEqual({ total: null, homePoint: 6.5 });
    expect(decodeNcaabClose(num(131), none)).toEqual({ total: 131, homePoint: null });
    expect(decodeNcaabClose(none, none)).toEqual({ total: null, homePoint: null });
    expect(decodeNcaabClose(pk, num(140))).toEqual({ total: 140, homePoint: 0 });
    expect(decodeNcaabClose(num(140), num(140))).toEqual({ total: 140, homePoint: null });
  });

  it.each([
    [
      3,
      (l: string) => l.replace(',22.5,22.5,NL,', ',22.5,abc,NL,'),
      'close: expected a number or "NL"/blank, got "abc"',
    ],
    [
      4,
      (l: string) => l.replace(',200,72', ',2oo,72'),
      'ml: expected a number or "NL"/blank/"pk", got "2oo"',
    ],
    [
      2,
      (l: string) => l.replace(',36,31,67,', ',36,31,-67,'),
      'final: expected a non-negative integer, got -67',
    ],
    [
      2,
      (l: string) => l.replace('1227,509', '1232,509'),
      'date: expected a month-day MMDD, got "1232"',
    ],
  ])('fails the whole file on malformed line %i', (line, edit, reason) => {
    let edited = editLine(text1516, line, edit);
    if (reason.startsWith('date'))
      edited = editLine(edited, line + 1, (l) => l.replace('1227,510', '1232,510'));
    expect(() => parse(edited)).toThrow(`ncaab_odds_2015-16.csv:${line}: ${reason}`);
  });

  it('unifies spelling variants found across seasons', () => {
    expect(codeOf('ncaab', 'zzzzNDakotaSt')).toBe('NORTHDAKOTASTATE');
    expect(codeOf('ncaab', 'NDakotaSt')).toBe('NORTHDAKOTASTATE');
    expect(codeOf('ncaab', 'SouthDakotaSt')).toBe('SOUTHDAKOTASTATE');
    expect(codeOf('ncaab', 'Chattanooga')).toBe('TENNESSEECHAT');
    expect(codeOf('ncaab', 'Saint Marys CA')).toBe('SAINTMARYSCA');
  });
});
