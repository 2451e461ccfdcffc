/**
 * Parses every full history file in ../shared/data and checks the numbers its README states.
 * Skipped (not failed) when the shared data directory is not present.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { parseHistoryCsv, type ImportResult } from '../../../core/importers';
import type { Sport } from '../../../core/sports';

const DATA = path.resolve(__dirname, '../../../../shared/data');

function load(sport: Sport, rel: string): ImportResult {
  return parseHistoryCsv(sport, fs.readFileSync(path.join(DATA, rel), 'utf8'), path.basename(rel));
}

function countBy<T>(items: readonly T[], key: (t: T) => string | number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = String(key(item));
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function quoteCounts(r: ImportResult): Record<string, number> {
  return countBy(r.quotes, (q) => q.market);
}

function expectUniqueIds(r: ImportResult): void {
  const ids = r.games.map((g) => g.gameId);
  expect(new Set(ids).size).toBe(ids.length);
  const known = new Set(ids);
  expect(r.quotes.every((q) => known.has(q.gameId))).toBe(true);
  const quoteKeys = r.quotes.map((q) => `${q.gameId}|${q.market}`);
  expect(new Set(quoteKeys).size).toBe(quoteKeys.length);
}

const exists = (rel: string) => fs.existsSync(path.join(DATA, rel));

describe('full history files (README numbers)', () => {
  it.skipIf(!exists('nfl/games.csv'))('NFL 1999–2023: 6,706 games', () => {
    const r = load('nfl', 'nfl/games.csv');
    expect(r.games).toHaveLength(6706);
    expect(r.skipped).toEqual([]);
    const perSeason = countBy(r.games, (g) => g.season);
    for (let s = 1999; s <= 2023; s += 1) {
      const want =
        s <= 2001 ? 259 : s <= 2019 ? 267 : { 2020: 269, 2021: 285, 2022: 284, 2023: 285 }[s];
      expect(perSeason[s], `season ${s}`).toBe(want);
    }
    // Moneylines absent for all of 1999–2005 and 47+1+73+14+1 games in 2006–2017.
    expect(quoteCounts(r)).toEqual({ totals: 6706, spreads: 6706, h2h: 6706 - 1845 - 136 });
    expect(r.games.filter((g) => g.neutralSite)).toHaveLength(79);
    expect(r.games.filter((g) => g.overtime)).toHaveLength(411);
    expectUniqueIds(r);
  });

  it.skipIf(!exists('nba/games.csv'))('NBA 2007-08 to 2022-23: 20,478 games', () => {
    const r = load('nba', 'nba/games.csv');
    expect(r.games).toHaveLength(20478);
    expect(r.skipped).toEqual([]);
    // README lists END years; stored seasons are start years.
    const want: Record<number, [number, number]> = {
      2008: [1316, 86],
      2009: [1315, 85],
      2010: [1312, 82],
      2011: [1311, 81],
      2012: [1074, 84],
      2013: [1314, 85],
      2014: [1319, 89],
      2015: [1311, 81],
      2016: [1316, 86],
      2017: [1309, 79],
      2018: [1312, 82],
      2019: [1312, 82],
      2020: [1143, 83],
      2021: [1171, 85],
      2022: [1323, 87],
      2023: [1320, 84],
    };
    const rows = countBy(r.games, (g) => g.season + 1);
    const playoffs = countBy(
      r.games.filter((g) => g.meta.playoffs === true),
      (g) => g.season + 1,
    );
    for (const [end, [n, p]] of Object.entries(want)) {
      expect([rows[end], playoffs[end]], `season ending ${end}`).toEqual([n, p]);
    }
    expect(r.seasons).toEqual(Array.from({ length: 16 }, (_, i) => 2007 + i));
    // spread missing for 3 rows, moneylines for 658.
    expect(quoteCounts(r)).toEqual({ totals: 20478, spreads: 20475, h2h: 20478 - 658 });
    expectUniqueIds(r);
  });

  it.skipIf(!exists('mlb/games.csv'))('MLB 2010–2017: 19,721 rows, one without scores', () => {
    const r = load('mlb', 'mlb/games.csv');
    expect(r.skipped).toEqual([{ line: 15644, reason: 'no final score (v_final/h_final NA)' }]);
    expect(r.games).toHaveLength(19720);
    expect(countBy(r.games, (g) => g.season)).toEqual({
      2010: 2462,
      2011: 2467,
      2012: 2467,
      2013: 2469,
      2014: 2462,
      2015: 2465,
      2016: 2461,
      2017: 2467,
    });
    const totals = r.quotes.filter((q) => q.market === 'totals');
    expect(19720 - totals.length).toBe(25);
    // Run lines only from 2014 on; one 2016 game is the skipped NA row, one 2017 row inconsistent.
    const spreads = r.quotes.filter((q) => q.market === 'spreads');
    expect(spreads).toHaveLength(9856 - 2);
    expect(spreads.every((q) => Number(q.gameId.split(':')[1]) >= 2014)).toBe(true);
    expect(r.games.filter((g) => g.gameId.endsWith('#2'))).toHaveLength(197);
    expect(r.games.filter((g) => g.meta.runLineNote !== null)).toHaveLength(1);
    expectUniqueIds(r);
  });

  const nhlSeasons: Array<[string, number, number, number]> = [
    // [file season, README games, skipped pairs, neutral games]
    ['2016-17', 1317, 1, 0],
    ['2017-18', 1355, 0, 0],
    ['2018-19', 1358, 0, 0],
    ['2019-20', 1212, 0, 130],
  ];
  it.skipIf(!exists('nhl/nhl_odds_2016-17.csv'))(
    'NHL 2016-17 to 2019-20: 5,242 games, 31 teams',
    () => {
      const teams = new Set<string>();
      for (const [season, games, skippedPairs, neutral] of nhlSeasons) {
        const r = load('nhl', `nhl/nhl_odds_${season}.csv`);
        expect(r.games, season).toHaveLength(games - skippedPairs);
        expect(r.skipped, season).toHaveLength(2 * skippedPairs);
        expect(r.seasons).toEqual([Number(season.slice(0, 4))]);
        expect(
          r.games.filter((g) => g.neutralSite),
          season,
        ).toHaveLength(neutral);
        expect(quoteCounts(r)).toEqual({
          totals: r.games.length,
          spreads: r.games.length,
          h2h: r.games.length,
        });
        expectUniqueIds(r);
        for (const g of r.games) teams.add(g.homeTeam).add(g.awayTeam);
        if (season === '2019-20') {
          expect(r.games.filter((g) => g.gameDate >= '2020-08-01')).toHaveLength(130);
          expect(r.games.filter((g) => g.meta.homeRowFirst)).toHaveLength(1);
        }
      }
      // 31 franchises (Vegas from 2017-18); typos and spacing variants unified.
      expect(teams.size).toBe(31);
      expect(
        [...teams].filter((t) => t.startsWith('TAMPA') || t.startsWith('ARIZONA')).sort(),
      ).toEqual(['ARIZONA', 'TAMPABAY']);
    },
  );

  const ncaabSeasons: Array<[string, number, number, number, number]> = [
    // [file season, README games, skipped pairs, neutral games, games without a closing total]
    ['2015-16', 4017, 1, 535, 2],
    ['2016-17', 4023, 1, 568, 4],
    ['2017-18', 4077, 0, 608, 17],
    ['2018-19', 5599, 1, 599, 5],
  ];
  it.skipIf(!exists('ncaab/ncaab_odds_2015-16.csv'))(
    'NCAAB 2015-16 to 2018-19: 17,716 games',
    () => {
      for (const [season, games, skippedPairs, neutral, noTotal] of ncaabSeasons) {
        const r = load('ncaab', `ncaab/ncaab_odds_${season}.csv`);
        expect(r.games, season).toHaveLength(games - skippedPairs);
        expect(r.skipped, season).toHaveLength(2 * skippedPairs);
        expect(
          r.games.filter((g) => g.neutralSite),
          season,
        ).toHaveLength(neutral);
        expect(r.games.length - (quoteCounts(r).totals ?? 0), season).toBe(noTotal);
        expectUniqueIds(r);
        const first = r.games[0]?.gameDate ?? '';
        const last = r.games[r.games.length - 1]?.gameDate ?? '';
        expect(first.startsWith(`${season.slice(0, 4)}-11`), season).toBe(true);
        expect(last.startsWith(`20${season.slice(5)}-04`), season).toBe(true);
      }
    },
  );

  it.skipIf(!exists('ncaaf/cfb_odds_2014.csv'))('NCAAF 2014–2016: 2,151 games, 129 teams', () => {
    const teams = new Set<string>();
    const want: Record<string, number> = { 2014: 680, 2015: 747, 2016: 724 };
    for (const [season, games] of Object.entries(want)) {
      const r = load('ncaaf', `ncaaf/cfb_odds_${season}.csv`);
      expect(r.games, season).toHaveLength(games);
      expect(r.skipped).toEqual([]);
      expect(r.seasons).toEqual([Number(season)]);
      expectUniqueIds(r);
      for (const g of r.games) teams.add(g.homeTeam).add(g.awayTeam);
      // Closing total for every game; spreads too (pk = 0); one NL moneyline in 2016.
      expect(quoteCounts(r)).toEqual({
        totals: games,
        spreads: games,
        h2h: season === '2016' ? games - 1 : games,
      });
    }
    expect(teams.size).toBe(129);
  });
});

describe('opening lines (issue #20: closing-line value)', () => {
  it.skipIf(!exists('mlb/games.csv'))(
    'MLB, NHL and NCAAB carry opening lines; NFL, NBA, NCAAF none',
    () => {
      const openers = (sport: Sport, rel: string) => {
        const r = load(sport, rel);
        const known = new Set(r.games.map((g) => g.gameId));
        expect(r.openingQuotes.every((q) => known.has(q.gameId))).toBe(true);
        return countBy(r.openingQuotes, (q) => q.market);
      };
      const mlb = openers('mlb', 'mlb/games.csv');
      expect(Object.keys(mlb)).toEqual(['totals']);
      expect(mlb.totals).toBeGreaterThan(15_000);
      const nhl = openers('nhl', 'nhl/nhl_odds_2018-19.csv');
      expect(Object.keys(nhl)).toEqual(['totals']);
      expect(nhl.totals).toBeGreaterThan(1000);
      const ncaab = openers('ncaab', 'ncaab/ncaab_odds_2017-18.csv');
      expect(ncaab.totals).toBeGreaterThan(3000);
      expect(ncaab.spreads).toBeGreaterThan(3000);
      expect(load('nfl', 'nfl/games.csv').openingQuotes).toEqual([]);
      expect(load('nba', 'nba/games.csv').openingQuotes).toEqual([]);
    },
  );
});
