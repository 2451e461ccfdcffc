import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHistoryCsv } from '../../../core/importers';
import { gameIdentity, seasonOf } from '../../../core/odds-api';
import { SPORTS } from '../../../core/sports';

const HISTORY = path.join(__dirname, '../../fixtures/history');

describe('season of a game date', () => {
  it.each([
    ['nfl', '2023-09-07', 2023],
    ['nfl', '2024-01-14', 2023], // wild card
    ['nfl', '2024-02-11', 2023], // Super Bowl
    ['ncaaf', '2015-01-01', 2014], // bowl
    ['ncaaf', '2014-08-27', 2014],
    ['mlb', '2016-11-02', 2016],
    ['mlb', '2016-03-31', 2016],
    ['nba', '2022-10-18', 2022],
    ['nba', '2023-06-12', 2022],
    ['nba', '2020-08-01', 2019], // bubble
    ['nba', '2020-10-11', 2019], // bubble finals
    ['nba', '2020-12-22', 2020], // 2020-21 opener
    ['nhl', '2020-09-28', 2019], // bubble final
    ['nhl', '2021-01-13', 2020],
    ['ncaab', '2015-11-13', 2015],
    ['ncaab', '2016-04-04', 2015],
  ] as const)('%s %s → %i', (sport, date, season) => {
    expect(seasonOf(sport, date)).toBe(season);
  });
});

describe('game identity', () => {
  it('normalises team strings like the importers', () => {
    expect(gameIdentity('nhl', '2020-01-16T00:00:00Z', ' tampa ', 'St. Louis')).toEqual({
      gameId: 'nhl:2019:2020-01-15:TAMPABAY@ST.LOUIS',
      season: 2019,
      gameDate: '2020-01-15',
      homeTeam: 'ST.LOUIS',
      awayTeam: 'TAMPABAY',
      unresolvedTeams: [],
    });
    expect(gameIdentity('nfl', '2023-12-11T01:20:00Z', 'PHI', 'DAL').gameId).toBe(
      'nfl:2023:2023-12-10:PHI@DAL',
    );
  });

  it('resolves Odds API names onto the history codes, valid in the game season', () => {
    const id = gameIdentity('nfl', '2023-12-11T01:20:00Z', 'Philadelphia Eagles', 'Dallas Cowboys');
    expect(id.gameId).toBe('nfl:2023:2023-12-10:PHI@DAL');
    expect(id.unresolvedTeams).toEqual([]);
    expect(
      gameIdentity('nfl', '2019-12-08T21:05:00Z', 'Tennessee Titans', 'Oakland Raiders').homeTeam,
    ).toBe('OAK');
    expect(
      gameIdentity('nfl', '2023-12-10T21:05:00Z', 'Minnesota Vikings', 'Las Vegas Raiders')
        .homeTeam,
    ).toBe('LV');
  });

  it('keeps an unknown or out-of-season team under a provisional code and says why', () => {
    const id = gameIdentity('nfl', '2026-12-06T18:00:00Z', 'Springfield Atoms', 'Oakland Raiders');
    expect(id.awayTeam).toBe('SPRINGFIELDATOMS');
    expect(id.unresolvedTeams).toHaveLength(2);
    expect(id.unresolvedTeams[0]).toMatch(
      /NFL team "Springfield Atoms" is not in the team registry/,
    );
    expect(id.unresolvedTeams[1]).toMatch(
      /NFL team "Oakland Raiders" is not valid in season 2026 \(valid: OAK up to 2019\)/,
    );
  });

  // The whole point: an event built from a history game maps back onto that game's id.
  it.each(SPORTS)('maps every %s history fixture game back onto its imported id', (sport) => {
    const dir = path.join(HISTORY, sport);
    let games = 0;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
      const parsed = parseHistoryCsv(sport, fs.readFileSync(path.join(dir, file), 'utf8'), file);
      for (const game of parsed.games) {
        const id = gameIdentity(sport, game.commenceTime, game.awayTeam, game.homeTeam);
        expect(id.gameId).toBe(game.gameId.replace(/#\d+$/, ''));
        expect(id.season).toBe(game.season);
        games += 1;
      }
    }
    expect(games).toBeGreaterThan(10);
  });
});
