/**
 * `beatvegas teams check --sport S [--source odds-api] [--date D]`: every team name The Odds API
 * uses for the sport (its `/participants` list and the teams of its current events) must resolve
 * through the team registry; an operator runs it before a season. Exit 1 lists what does not.
 */
import { z } from 'zod';
import { utcToEasternDate } from '../core/calendar';
import { SPORT_INFO, type Sport } from '../core/sports';
import { resolveTeam } from '../core/teams';
import { OddsApiClient } from '../odds/client';
import { UsageError } from './usage';

const participantsSchema = z.array(z.object({ full_name: z.string().min(1) }).passthrough());
const eventsSchema = z.array(
  z.object({ home_team: z.string().min(1), away_team: z.string().min(1) }).passthrough(),
);

export interface TeamsCheckResult {
  sport: Sport;
  source: 'odds-api';
  /** US/Eastern date the names were resolved for (their season). */
  date: string;
  /** Distinct names checked, and where each came from. */
  checked: number;
  unresolved: { name: string; from: string[]; problem: string; reason: string }[];
}

/** Fetches participants and current events and resolves every distinct team name. */
export async function checkTeams(
  sport: Sport,
  options: { date?: string; baseUrl: string; apiKey: string | undefined },
): Promise<TeamsCheckResult> {
  if (!options.apiKey) {
    throw new UsageError(
      'ODDS_API_KEY (or ODDS_API_KEY_FILE) must be set: `teams check` reads The Odds API',
    );
  }
  const date = options.date ?? utcToEasternDate(new Date().toISOString());
  const client = new OddsApiClient({ baseUrl: options.baseUrl, apiKey: options.apiKey });
  const key = SPORT_INFO[sport].oddsApiKey;
  const names = new Map<string, Set<string>>();
  const add = (name: string, from: string) => {
    const set = names.get(name) ?? new Set<string>();
    set.add(from);
    names.set(name, set);
  };
  const participants = participantsSchema.safeParse((await client.getParticipants(key)).body);
  if (!participants.success)
    throw new Error(`/participants: unexpected body (${participants.error.issues[0]?.message})`);
  for (const p of participants.data) add(p.full_name, 'participants');
  const events = eventsSchema.safeParse((await client.getEvents(key)).body);
  if (!events.success)
    throw new Error(`/events: unexpected body (${events.error.issues[0]?.message})`);
  for (const e of events.data) {
    add(e.home_team, 'events');
    add(e.away_team, 'events');
  }
  const unresolved: TeamsCheckResult['unresolved'] = [];
  for (const [name, from] of [...names].sort(([a], [b]) => a.localeCompare(b))) {
    const r = resolveTeam(sport, name, date);
    if (!r.ok)
      unresolved.push({ name, from: [...from].sort(), problem: r.problem, reason: r.message });
  }
  return { sport, source: 'odds-api', date, checked: names.size, unresolved };
}

/** Text report of {@link checkTeams}. */
export function formatTeamsCheck(r: TeamsCheckResult): string {
  const head = `${SPORT_INFO[r.sport].label}: ${r.checked} team names from The Odds API checked for ${r.date}`;
  if (r.unresolved.length === 0) return `${head}; all resolve.`;
  return [
    `${head}; ${r.unresolved.length} do not resolve:`,
    ...r.unresolved.map((u) => `  ${u.problem}  ${u.reason}  [${u.from.join(', ')}]`),
    'Add them to core/teams/registry/<sport>.json (name, aliases, seasons) and review.',
  ].join('\n');
}
