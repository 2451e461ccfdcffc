/**
 * The team registry is the one identity of a team across history files, The Odds API, the local
 * odds server and grading. These tests pin it to the real data and to the names The Odds API
 * uses today.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHistoryCsv } from '../../../core/importers';
import { SPORTS, type Sport } from '../../../core/sports';
import {
  oddsApiName,
  registryOf,
  resolveTeam,
  resolveTeamInSeason,
  teamKey,
} from '../../../core/teams';

const SHARED = path.resolve(__dirname, '../../../../shared/data');
const haveShared = fs.existsSync(SHARED);

/** Team codes of the last two seasons of a sport's shared data, with the season each is in. */
function lastTwoSeasons(sport: Sport): { code: string; season: number }[] {
  const dir = path.join(SHARED, sport);
  const games = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .flatMap((f) => parseHistoryCsv(sport, fs.readFileSync(path.join(dir, f), 'utf8'), f).games);
  const seasons = [...new Set(games.map((g) => g.season))].sort((a, b) => b - a).slice(0, 2);
  const seen = new Map<string, { code: string; season: number }>();
  for (const g of games) {
    if (!seasons.includes(g.season)) continue;
    for (const code of [g.homeTeam, g.awayTeam])
      seen.set(`${code}/${g.season}`, { code, season: g.season });
  }
  return [...seen.values()];
}

describe.skipIf(!haveShared)('every team of the last two seasons of the shared data', () => {
  it.each(SPORTS)('%s: resolves from its Odds API name and back', (sport) => {
    const teams = lastTwoSeasons(sport);
    expect(teams.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const { code, season } of teams) {
      const name = oddsApiName(sport, code, season);
      if (name === null) {
        problems.push(`${code} (${season}): no Odds API name`);
        continue;
      }
      const back = resolveTeamInSeason(sport, name, season);
      if (!back.ok || back.code !== code)
        problems.push(`${code} → "${name}" → ${JSON.stringify(back)}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(['nfl', 'nba', 'mlb', 'nhl'] as const)(
    '%s: the importer knows every team of every season (no provisional teams in the pro leagues)',
    (sport) => {
      const dir = path.join(SHARED, sport);
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
        const r = parseHistoryCsv(sport, fs.readFileSync(path.join(dir, f), 'utf8'), f);
        expect(r.provisionalTeams).toEqual([]);
      }
    },
  );
});

/** The 2025-26 teams as The Odds API names them (home_team / away_team / participants). */
const CURRENT: Readonly<Record<'nfl' | 'nba' | 'mlb' | 'nhl', readonly string[]>> = {
  nfl: [
    'Arizona Cardinals',
    'Atlanta Falcons',
    'Baltimore Ravens',
    'Buffalo Bills',
    'Carolina Panthers',
    'Chicago Bears',
    'Cincinnati Bengals',
    'Cleveland Browns',
    'Dallas Cowboys',
    'Denver Broncos',
    'Detroit Lions',
    'Green Bay Packers',
    'Houston Texans',
    'Indianapolis Colts',
    'Jacksonville Jaguars',
    'Kansas City Chiefs',
    'Las Vegas Raiders',
    'Los Angeles Chargers',
    'Los Angeles Rams',
    'Miami Dolphins',
    'Minnesota Vikings',
    'New England Patriots',
    'New Orleans Saints',
    'New York Giants',
    'New York Jets',
    'Philadelphia Eagles',
    'Pittsburgh Steelers',
    'San Francisco 49ers',
    'Seattle Seahawks',
    'Tampa Bay Buccaneers',
    'Tennessee Titans',
    'Washington Commanders',
  ],
  nba: [
    'Atlanta Hawks',
    'Boston Celtics',
    'Brooklyn Nets',
    'Charlotte Hornets',
    'Chicago Bulls',
    'Cleveland Cavaliers',
    'Dallas Mavericks',
    'Denver Nuggets',
    'Detroit Pistons',
    'Golden State Warriors',
    'Houston Rockets',
    'Indiana Pacers',
    'Los Angeles Clippers',
    'Los Angeles Lakers',
    'Memphis Grizzlies',
    'Miami Heat',
    'Milwaukee Bucks',
    'Minnesota Timberwolves',
    'New Orleans Pelicans',
    'New York Knicks',
    'Oklahoma City Thunder',
    'Orlando Magic',
    'Philadelphia 76ers',
    'Phoenix Suns',
    'Portland Trail Blazers',
    'Sacramento Kings',
    'San Antonio Spurs',
    'Toronto Raptors',
    'Utah Jazz',
    'Washington Wizards',
  ],
  mlb: [
    'Arizona Diamondbacks',
    'Athletics',
    'Atlanta Braves',
    'Baltimore Orioles',
    'Boston Red Sox',
    'Chicago Cubs',
    'Chicago White Sox',
    'Cincinnati Reds',
    'Cleveland Guardians',
    'Colorado Rockies',
    'Detroit Tigers',
    'Houston Astros',
    'Kansas City Royals',
    'Los Angeles Angels',
    'Los Angeles Dodgers',
    'Miami Marlins',
    'Milwaukee Brewers',
    'Minnesota Twins',
    'New York Mets',
    'New York Yankees',
    'Philadelphia Phillies',
    'Pittsburgh Pirates',
    'San Diego Padres',
    'San Francisco Giants',
    'Seattle Mariners',
    'St. Louis Cardinals',
    'Tampa Bay Rays',
    'Texas Rangers',
    'Toronto Blue Jays',
    'Washington Nationals',
  ],
  nhl: [
    'Anaheim Ducks',
    'Boston Bruins',
    'Buffalo Sabres',
    'Calgary Flames',
    'Carolina Hurricanes',
    'Chicago Blackhawks',
    'Colorado Avalanche',
    'Columbus Blue Jackets',
    'Dallas Stars',
    'Detroit Red Wings',
    'Edmonton Oilers',
    'Florida Panthers',
    'Los Angeles Kings',
    'Minnesota Wild',
    'Montréal Canadiens',
    'Nashville Predators',
    'New Jersey Devils',
    'New York Islanders',
    'New York Rangers',
    'Ottawa Senators',
    'Philadelphia Flyers',
    'Pittsburgh Penguins',
    'San Jose Sharks',
    'Seattle Kraken',
    'St Louis Blues',
    'Tampa Bay Lightning',
    'Toronto Maple Leafs',
    'Utah Mammoth',
    'Vancouver Canucks',
    'Vegas Golden Knights',
    'Washington Capitals',
    'Winnipeg Jets',
  ],
};

describe('the current pro teams by their full Odds API names', () => {
  it.each(Object.keys(CURRENT) as (keyof typeof CURRENT)[])('%s', (sport) => {
    const codes = new Set<string>();
    for (const name of CURRENT[sport]) {
      const r = resolveTeam(sport, name, '2026-12-02');
      expect(r, name).toMatchObject({ ok: true });
      if (r.ok) {
        codes.add(r.code);
        // The local odds server serves this exact name back for the code.
        expect(r.name).toBe(name);
      }
    }
    expect(codes.size).toBe(CURRENT[sport].length);
  });
});

describe('resolveTeam', () => {
  it('relocations and renames resolve by season, and only in their seasons', () => {
    expect(resolveTeam('nfl', 'Oakland Raiders', '2019-12-08')).toMatchObject({
      ok: true,
      code: 'OAK',
    });
    expect(resolveTeam('nfl', 'Las Vegas Raiders', '2023-12-10')).toMatchObject({
      ok: true,
      code: 'LV',
    });
    expect(resolveTeam('nfl', 'Oakland Raiders', '2026-12-06')).toMatchObject({
      ok: false,
      problem: 'OUT_OF_SEASON',
    });
    expect(resolveTeam('nfl', 'Las Vegas Raiders', '2019-12-08')).toMatchObject({
      ok: false,
      problem: 'OUT_OF_SEASON',
    });
    expect(resolveTeam('nfl', 'San Diego Chargers', '2016-10-02')).toMatchObject({
      ok: true,
      code: 'SD',
    });
    expect(resolveTeam('nfl', 'St. Louis Rams', '2015-10-04')).toMatchObject({
      ok: true,
      code: 'STL',
    });
    expect(resolveTeam('nfl', 'Washington Football Team', '2021-10-03')).toMatchObject({
      code: 'WAS',
    });
    expect(resolveTeam('nfl', 'Washington Redskins', '2023-10-01').ok).toBe(false);
    expect(resolveTeam('nba', 'Seattle SuperSonics', '2008-01-10')).toMatchObject({ code: 'OKC' });
    expect(resolveTeam('nba', 'New Jersey Nets', '2010-01-10')).toMatchObject({ code: 'BKN' });
    expect(resolveTeam('nba', 'Charlotte Bobcats', '2012-01-10')).toMatchObject({ code: 'CHA' });
    expect(resolveTeam('nba', 'New Orleans Hornets', '2012-01-10')).toMatchObject({ code: 'NO' });
    expect(resolveTeam('nba', 'New Orleans Hornets', '2016-01-10').ok).toBe(false);
    expect(resolveTeam('mlb', 'Cleveland Indians', '2016-06-10')).toMatchObject({ code: 'CLE' });
    expect(resolveTeam('mlb', 'Cleveland Guardians', '2016-06-10').ok).toBe(false);
    expect(resolveTeam('nhl', 'Arizona Coyotes', '2019-01-10')).toMatchObject({ code: 'ARIZONA' });
    expect(resolveTeam('nhl', 'Arizona Coyotes', '2025-01-10').ok).toBe(false);
  });

  it('names belong to their sport: the same text in another sport is unknown there', () => {
    expect(resolveTeam('nba', 'Kansas City Chiefs', '2023-12-10')).toMatchObject({
      ok: false,
      problem: 'UNKNOWN_TEAM',
    });
    expect(resolveTeam('nfl', 'Florida Panthers', '2023-12-10').ok).toBe(false);
    expect(resolveTeam('nhl', 'Florida Panthers', '2023-12-10')).toMatchObject({ code: 'FLORIDA' });
  });

  it('an unknown team is named, with its sport, in the message', () => {
    const r = resolveTeam('nfl', 'Springfield Atoms', '2026-12-06');
    expect(r).toEqual({
      ok: false,
      problem: 'UNKNOWN_TEAM',
      message:
        'NFL team "Springfield Atoms" is not in the team registry (core/teams/registry/nfl.json)',
    });
  });

  it('spellings ignore case, spaces, punctuation and accents', () => {
    expect(teamKey('St. Louis')).toBe(teamKey('ST.LOUIS'));
    expect(teamKey('Montréal Canadiens')).toBe('MONTREALCANADIENS');
    expect(resolveTeam('nhl', 'montreal canadiens', '2019-01-10')).toMatchObject({
      code: 'MONTREAL',
    });
    expect(resolveTeam('ncaaf', 'Texas A&M Aggies', '2016-10-01')).toMatchObject({
      code: 'TEXAS-AM',
    });
    expect(resolveTeam('ncaab', 'UConn Huskies', '2018-12-01').ok).toBe(true);
  });

  it('no spelling stands for two teams of one sport in the same season (checked at load)', () => {
    for (const sport of SPORTS) {
      const reg = registryOf(sport);
      expect(reg.teams.length).toBeGreaterThan(25);
      for (const [key, spellings] of reg.byKey) {
        const teams = new Set(spellings.map((s) => s.team.code));
        if (teams.size < 2) continue;
        for (const a of spellings)
          for (const b of spellings)
            if (a.team !== b.team)
              expect(
                Math.min(a.seasons.to, b.seasons.to) < Math.max(a.seasons.from, b.seasons.from),
                `${sport} ${key}`,
              ).toBe(true);
      }
    }
  });
});
