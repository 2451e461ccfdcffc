/**
 * `/scores` body → final scores of completed games, keyed by the same game id rule as the odds
 * (see identity.ts). Events still in progress or not started are listed as pending; malformed
 * events are quarantined with a reason, like odds events.
 */
import { SPORT_INFO, type Sport } from '../sports';
import type { IsoInstant } from '../types';
import { describeJson, InvalidPayloadError } from './errors';
import { gameIdentity, teamCodeOf } from './identity';
import { formatIssues, fromZodIssues, type PathIssue } from './issues';
import type { QuarantinedEvent } from './normalize-odds';
import { scoreEventSchema } from './schemas';

/** Final score of one completed game (points / runs / goals, incl. OT, extra innings, SO). */
export interface FinalScore {
  readonly gameId: string;
  readonly eventId: string;
  readonly homeScore: number;
  readonly awayScore: number;
  /** The event's `last_update` (null if the API sent none). */
  readonly lastUpdate: IsoInstant | null;
  /** The event's own commence time and team codes, to check against the stored game. */
  readonly commenceTime: IsoInstant;
  readonly homeTeam: string;
  readonly awayTeam: string;
}

export interface NormalizedScores {
  readonly sport: Sport;
  /** Completed games by game id. */
  readonly finals: Readonly<Record<string, FinalScore>>;
  /** Game ids of events not completed yet. */
  readonly pending: string[];
  readonly quarantined: QuarantinedEvent[];
}

const SCORE_TEXT = /^\d{1,4}$/;

/** A score as sent ("24" or 24) → non-negative integer, or null when it is not one. */
function parseScore(value: string | number): number | null {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 0 && value < 10_000 ? value : null;
  return SCORE_TEXT.test(value.trim()) ? Number(value.trim()) : null;
}

/**
 * Normalises a `/scores` body. Doubleheaders get `#n` in payload order, as in odds payloads;
 * pass `gameIdByEventId` (from the odds of the same slate) to pin them instead.
 *
 * @throws InvalidPayloadError when `payload` is not an array.
 */
export function normalizeScores(
  sport: Sport,
  payload: unknown,
  options: { gameIdByEventId?: Readonly<Record<string, string>> } = {},
): NormalizedScores {
  if (!Array.isArray(payload)) {
    throw new InvalidPayloadError(
      `expected a JSON array of score events, got ${describeJson(payload)}`,
    );
  }
  const known = options.gameIdByEventId ?? {};
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  const finals: Record<string, FinalScore> = {};
  const pending: string[] = [];
  const quarantined: QuarantinedEvent[] = [];

  (payload as unknown[]).forEach((raw, index) => {
    const parsed = scoreEventSchema.safeParse(raw);
    const rawId =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : null;
    if (!parsed.success) {
      quarantined.push({
        eventId: rawId,
        gameId: null,
        index,
        reason: formatIssues(fromZodIssues(parsed.error.issues)),
      });
      return;
    }
    const ev = parsed.data;
    const identity = gameIdentity(sport, ev.commence_time, ev.away_team, ev.home_team);
    let gameId = Object.prototype.hasOwnProperty.call(known, ev.id) ? known[ev.id] : undefined;
    if (gameId === undefined) {
      const n = (counts.get(identity.gameId) ?? 0) + 1;
      counts.set(identity.gameId, n);
      gameId = n === 1 ? identity.gameId : `${identity.gameId}#${n}`;
    }
    const issues: PathIssue[] = identity.unresolvedTeams.map((message) => ({
      path: ['home_team'],
      message,
    }));
    if (seen.has(ev.id)) issues.push({ path: ['id'], message: 'duplicate event id in payload' });
    seen.add(ev.id);
    if (ev.sport_key !== SPORT_INFO[sport].oddsApiKey) {
      issues.push({
        path: ['sport_key'],
        message: `expected "${SPORT_INFO[sport].oddsApiKey}", got "${ev.sport_key}"`,
      });
    }
    let home: number | null = null;
    let away: number | null = null;
    if (ev.completed && issues.length === 0) {
      if (ev.scores === null) {
        issues.push({ path: ['scores'], message: 'completed event without scores' });
      } else {
        ev.scores.forEach((s, si) => {
          const team = teamCodeOf(sport, s.name, identity.season).code;
          const value = parseScore(s.score);
          if (value === null) {
            issues.push({
              path: ['scores', si, 'score'],
              message: `not a non-negative integer: ${JSON.stringify(s.score)}`,
            });
          } else if (team === identity.homeTeam && home === null) home = value;
          else if (team === identity.awayTeam && away === null) away = value;
          else
            issues.push({
              path: ['scores', si, 'name'],
              message: `"${s.name}" is not this event's home or away team, or is listed twice`,
            });
        });
        if (issues.length === 0 && (home === null || away === null)) {
          issues.push({
            path: ['scores'],
            message: `missing the ${home === null ? 'home' : 'away'} team's score`,
          });
        }
      }
    }
    if (issues.length > 0) {
      quarantined.push({ eventId: ev.id, gameId, index, reason: formatIssues(issues) });
    } else if (ev.completed && home !== null && away !== null) {
      finals[gameId] = {
        gameId,
        eventId: ev.id,
        homeScore: home,
        awayScore: away,
        lastUpdate: ev.last_update === null ? null : new Date(ev.last_update).toISOString(),
        commenceTime: new Date(ev.commence_time).toISOString(),
        homeTeam: identity.homeTeam,
        awayTeam: identity.awayTeam,
      };
    } else {
      pending.push(gameId);
    }
  });
  return { sport, finals, pending, quarantined };
}
