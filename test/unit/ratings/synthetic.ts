/** Synthetic league generator for rating tests (deterministic, seeded). */
import seedrandom from 'seedrandom';
import type { Sport } from '../../../core/sports';
import type { GameRecord } from '../../../core/types';

export interface SyntheticTeam {
  readonly name: string;
  /** True points above average scored. */
  readonly offense: number;
  /** True points below average allowed. */
  readonly defense: number;
}

export interface SyntheticLeague {
  readonly teams: readonly SyntheticTeam[];
  readonly games: GameRecord[];
}

/**
 * Double round robin per season, one game day per week starting `start`; scores are
 * μ ± h/2 + off − def + N(0, noise), rounded and floored at 0.
 */
export function syntheticLeague(opts: {
  sport?: Sport;
  seasons: readonly number[];
  teams?: number;
  mu?: number;
  homeAdvantage?: number;
  noise?: number;
  seed?: string;
}): SyntheticLeague {
  const sport = opts.sport ?? 'nfl';
  const rng = seedrandom(opts.seed ?? 'synthetic');
  const normal = () => {
    const u = Math.max(rng(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  };
  const nTeams = opts.teams ?? 8;
  const teams: SyntheticTeam[] = Array.from({ length: nTeams }, (_, i) => ({
    name: `T${String(i).padStart(2, '0')}`,
    offense: (i - (nTeams - 1) / 2) * 2.5,
    defense: ((i * 5) % nTeams) - (nTeams - 1) / 2,
  }));
  const mu = opts.mu ?? 22;
  const h = opts.homeAdvantage ?? 2;
  const noise = opts.noise ?? 7;
  const games: GameRecord[] = [];
  for (const season of opts.seasons) {
    let day = Date.UTC(season, 8, 7);
    for (let round = 0; round < 2; round++) {
      for (let k = 1; k < nTeams; k++) {
        for (let i = 0; i < nTeams; i++) {
          const j = (i + k) % nTeams;
          if (i < j !== (round === 0)) continue;
          const home = teams[i] as SyntheticTeam;
          const away = teams[j] as SyntheticTeam;
          const hs = Math.max(
            0,
            Math.round(mu + h / 2 + home.offense - away.defense + noise * normal()),
          );
          const as = Math.max(
            0,
            Math.round(mu - h / 2 + away.offense - home.defense + noise * normal()),
          );
          const date = new Date(day).toISOString().slice(0, 10);
          games.push({
            gameId: `${sport}:${season}:${date}:${away.name}@${home.name}`,
            sport,
            season,
            gameDate: date,
            commenceTime: new Date(day + 17 * 3_600_000).toISOString(),
            homeTeam: home.name,
            awayTeam: away.name,
            neutralSite: false,
            homeScore: hs,
            awayScore: as,
            homePeriods: null,
            awayPeriods: null,
            overtime: false,
            meta: {},
          });
        }
        day += 7 * 86_400_000;
      }
    }
  }
  return { teams, games };
}
