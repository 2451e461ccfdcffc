/**
 * `resolveTeam(sport, name, date)`: the one way a team name from anywhere (a history CSV, an
 * Odds API event, a `/scores` body, an operator) becomes the history code that game ids and
 * ratings use. Names are valid in seasons, so the same text can mean different teams in
 * different years, or nothing at all ("Oakland Raiders" in 2026).
 */
import { SPORT_INFO, type Sport } from '../sports';
import type { IsoDate } from '../types';
import { registryOf, teamKey, teamSeasons, type RegistryTeam, type SeasonRange } from './registry';
import { seasonOf } from './season';

/** Why a name did not resolve. */
export type TeamProblem = 'UNKNOWN_TEAM' | 'OUT_OF_SEASON' | 'AMBIGUOUS_TEAM';

export interface ResolvedTeam {
  readonly ok: true;
  /** History code (game ids, ratings). */
  readonly code: string;
  /** The name The Odds API uses for this team in that season. */
  readonly name: string;
}

export interface UnresolvedTeam {
  readonly ok: false;
  readonly problem: TeamProblem;
  /** Names the team text, the sport and why, e.g. for an audit reason. */
  readonly message: string;
}

export type TeamResolution = ResolvedTeam | UnresolvedTeam;

function fmtRange(r: SeasonRange): string {
  const from = Number.isFinite(r.from) ? String(r.from) : '';
  const to = Number.isFinite(r.to) ? String(r.to) : '';
  return from === to
    ? from
    : from === ''
      ? `up to ${to}`
      : to === ''
        ? `${from} on`
        : `${from}–${to}`;
}

/** The Odds API name of a registry team in `season` (its newest name valid then). */
function nameIn(team: RegistryTeam, season: number): string {
  const valid = team.names.find(
    (n) => (n.from ?? -Infinity) <= season && season <= (n.to ?? Infinity),
  );
  return (valid ?? team.names[0]!).name;
}

/**
 * Resolves `name` (any known spelling: Odds API name, history code, alias; case, spaces,
 * punctuation and accents ignored) for a game of `sport` in `season`.
 */
export function resolveTeamInSeason(sport: Sport, name: string, season: number): TeamResolution {
  const label = SPORT_INFO[sport].label;
  const spellings = registryOf(sport).byKey.get(teamKey(name)) ?? [];
  const valid = spellings.filter((s) => s.seasons.from <= season && season <= s.seasons.to);
  const teams = [...new Set(valid.map((s) => s.team))];
  if (teams.length === 1) {
    const team = teams[0]!;
    return { ok: true, code: team.code, name: nameIn(team, season) };
  }
  if (teams.length > 1) {
    return {
      ok: false,
      problem: 'AMBIGUOUS_TEAM',
      message: `${label} team "${name}" could be ${teams.map((t) => t.code).join(' or ')} in season ${season}`,
    };
  }
  if (spellings.length > 0) {
    const where = spellings
      .map((s) => `${s.team.code} ${fmtRange(s.seasons)}`)
      .filter((v, i, a) => a.indexOf(v) === i)
      .join(', ');
    return {
      ok: false,
      problem: 'OUT_OF_SEASON',
      message: `${label} team "${name}" is not valid in season ${season} (valid: ${where})`,
    };
  }
  return {
    ok: false,
    problem: 'UNKNOWN_TEAM',
    message: `${label} team "${name}" is not in the team registry (core/teams/registry/${sport}.json)`,
  };
}

/** {@link resolveTeamInSeason} for a game on the US/Eastern date `date` (YYYY-MM-DD). */
export function resolveTeam(sport: Sport, name: string, date: IsoDate): TeamResolution {
  return resolveTeamInSeason(sport, name, seasonOf(sport, date));
}

/**
 * The Odds API name of the team with history code `code` in `season`, or null when the
 * registry has no such code or the code is not valid then.
 */
export function oddsApiName(sport: Sport, code: string, season: number): string | null {
  const team = registryOf(sport).byCode.get(code);
  if (!team) return null;
  const r = teamSeasons(team);
  if (season < r.from || season > r.to) return null;
  return nameIn(team, season);
}

/**
 * Code for a team that is not in the registry (college only: a new program or a lower-division
 * opponent): the text trimmed, uppercased and without spaces, as history codes were before the
 * registry. Such a team is provisional: it has no history, so it can never be PICK until it does.
 */
export function provisionalCode(name: string): string {
  return name.trim().toUpperCase().replace(/\s+/g, '');
}

/** Sports where an unknown team in a history file is provisional rather than an error. */
export const PROVISIONAL_TEAM_SPORTS: ReadonlySet<Sport> = new Set<Sport>(['ncaaf', 'ncaab']);
