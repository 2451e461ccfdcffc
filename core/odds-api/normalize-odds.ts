/**
 * Odds API payload (or a JSON file in the same shape) → games and quotes. Each event is
 * validated on its own: a bad event is quarantined with a precise reason and the others go on
 * (R1, SPEC §7). Nothing here throws for bad event data; only a top level that is not an array
 * of events raises {@link InvalidPayloadError}.
 */
import { SPORT_INFO, type Sport } from '../sports';
import type { GameRecord, IsoInstant, MarketQuote } from '../types';
import { describeJson, InvalidPayloadError } from './errors';
import { gameIdentity, type GameIdentity } from './identity';
import { formatIssues, fromZodIssues, type PathIssue } from './issues';
import { mapEventQuotes } from './map-markets';
import { eventSchema, oddsEventSchema } from './schemas';

export interface NormalizeOptions {
  /** When the payload was fetched (or the file read). Echoed on the result. */
  readonly fetchedAt: IsoInstant | Date;
  /**
   * Known event id → game id mappings, e.g. from the slate's featured `/odds` call. Used for
   * per-event payloads so that a doubleheader's second game keeps its `#2` key, which cannot be
   * recovered from a single event.
   */
  readonly gameIdByEventId?: Readonly<Record<string, string>>;
}

/** A valid event: its game (scores null) and every quote of a market the pipeline prices. */
export interface NormalizedEvent {
  readonly eventId: string;
  readonly game: GameRecord;
  readonly quotes: MarketQuote[];
  /** Market keys any bookmaker listed (including ones ignored here), sorted. */
  readonly marketsListed: string[];
  /**
   * Teams the registry could not resolve, one message each (names the team and sport). The game
   * is kept under a provisional code so that it gets NO_PLAY UNKNOWN_TEAM rather than vanish;
   * it is never priced.
   */
  readonly unresolvedTeams: readonly string[];
}

/** An event that failed validation. `gameId` is known when the event's identity fields parse. */
export interface QuarantinedEvent {
  readonly eventId: string | null;
  readonly gameId: string | null;
  /** Position in the payload array (0-based). */
  readonly index: number;
  /** Non-empty, `path: message[; …]`. */
  readonly reason: string;
  /**
   * The game as far as the event's identity fields parse (id, teams, commence time), so that it
   * can be stored and given NO_PLAY INVALID_PAYLOAD even when it was never seen before.
   */
  readonly game?: GameRecord;
}

export interface NormalizedOdds {
  readonly sport: Sport;
  readonly fetchedAt: IsoInstant;
  readonly events: NormalizedEvent[];
  readonly quarantined: QuarantinedEvent[];
}

/** Best-effort string id of a raw event, for quarantine records. */
function rawEventId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const id = (raw as Record<string, unknown>).id;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : null;
}

/**
 * Hands out game ids in payload order: the second event with the same natural key (a
 * doubleheader) gets `#2`, as the importers do in file order. The local server lists events by
 * kick-off then game id, which is the importers' order for history games.
 */
class GameIdAllocator {
  private readonly counts = new Map<string, number>();
  constructor(private readonly known: Readonly<Record<string, string>>) {}

  allocate(eventId: string, identity: GameIdentity): string {
    const known = Object.prototype.hasOwnProperty.call(this.known, eventId)
      ? this.known[eventId]
      : undefined;
    if (known !== undefined) return known;
    const count = (this.counts.get(identity.gameId) ?? 0) + 1;
    this.counts.set(identity.gameId, count);
    return count === 1 ? identity.gameId : `${identity.gameId}#${count}`;
  }
}

function toIsoInstant(value: IsoInstant | Date): IsoInstant {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`fetchedAt is not an instant: ${String(value)}`);
  return new Date(ms).toISOString();
}

/** A scheduled game (no scores) of an event whose identity fields parsed. */
function gameRecord(
  sport: Sport,
  gameId: string,
  identity: GameIdentity,
  commenceTime: string,
  eventId: string,
): GameRecord {
  return {
    gameId,
    sport,
    season: identity.season,
    gameDate: identity.gameDate,
    commenceTime: new Date(commenceTime).toISOString(),
    homeTeam: identity.homeTeam,
    awayTeam: identity.awayTeam,
    // The API does not say; the history rows keep their own flag.
    neutralSite: false,
    homeScore: null,
    awayScore: null,
    homePeriods: null,
    awayPeriods: null,
    overtime: null,
    meta: { oddsApiId: eventId },
  };
}

function normalizeOne(
  sport: Sport,
  raw: unknown,
  index: number,
  ids: GameIdAllocator,
  seenEventIds: Set<string>,
): NormalizedEvent | QuarantinedEvent {
  const eventId = rawEventId(raw);
  // Identity first, from the few fields it needs, so a quarantined event can still name its game.
  const core = eventSchema.safeParse(raw);
  let gameId: string | null = null;
  let identity: GameIdentity | null = null;
  let duplicate = false;
  if (core.success) {
    duplicate = seenEventIds.has(core.data.id);
    seenEventIds.add(core.data.id);
    if (!duplicate) {
      identity = gameIdentity(
        sport,
        core.data.commence_time,
        core.data.away_team,
        core.data.home_team,
      );
      gameId = ids.allocate(core.data.id, identity);
    }
  }
  const quarantine = (issues: readonly PathIssue[]): QuarantinedEvent => ({
    eventId,
    gameId,
    index,
    reason: formatIssues(issues),
    ...(core.success && identity !== null && gameId !== null
      ? { game: gameRecord(sport, gameId, identity, core.data.commence_time, core.data.id) }
      : {}),
  });

  if (duplicate) return quarantine([{ path: ['id'], message: 'duplicate event id in payload' }]);
  const parsed = oddsEventSchema.safeParse(raw);
  if (!parsed.success) return quarantine(fromZodIssues(parsed.error.issues));
  const event = parsed.data;
  // oddsEventSchema extends eventSchema, so the identity was computed above.
  if (identity === null || gameId === null)
    return quarantine([{ path: [], message: 'identity unavailable' }]);

  const expectedKey = SPORT_INFO[sport].oddsApiKey;
  const issues: PathIssue[] = [];
  if (event.sport_key !== expectedKey) {
    issues.push({
      path: ['sport_key'],
      message: `expected "${expectedKey}", got "${event.sport_key}"`,
    });
  }
  if (identity.homeTeam === identity.awayTeam) {
    issues.push({ path: ['away_team'], message: 'home_team and away_team are the same team' });
  }
  if (issues.length > 0) return quarantine(issues);

  const mapped = mapEventQuotes(event, {
    sport,
    gameId,
    season: identity.season,
    homeTeam: identity.homeTeam,
    awayTeam: identity.awayTeam,
  });
  if (mapped.issues.length > 0) return quarantine(mapped.issues);

  const game = gameRecord(sport, gameId, identity, event.commence_time, event.id);
  return {
    eventId: event.id,
    game,
    quotes: mapped.quotes,
    marketsListed: mapped.marketsListed,
    unresolvedTeams: identity.unresolvedTeams,
  };
}

/**
 * Normalises an `/odds` body (or an Odds-API-shaped JSON file): an array of events. Every
 * input event ends up in exactly one of `events` or `quarantined`.
 *
 * @throws InvalidPayloadError when `payload` is not an array.
 */
export function normalizeOddsPayload(
  sport: Sport,
  payload: unknown,
  options: NormalizeOptions,
): NormalizedOdds {
  if (!Array.isArray(payload)) {
    throw new InvalidPayloadError(`expected a JSON array of events, got ${describeJson(payload)}`);
  }
  const fetchedAt = toIsoInstant(options.fetchedAt);
  const ids = new GameIdAllocator(options.gameIdByEventId ?? {});
  const seen = new Set<string>();
  const events: NormalizedEvent[] = [];
  const quarantined: QuarantinedEvent[] = [];
  (payload as unknown[]).forEach((raw, index) => {
    let result: NormalizedEvent | QuarantinedEvent;
    try {
      result = normalizeOne(sport, raw, index, ids, seen);
    } catch (error) {
      // Defence in depth: a bug here must cost one event, not the run.
      result = {
        eventId: rawEventId(raw),
        gameId: null,
        index,
        reason: `(event): could not be normalised: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if ('quotes' in result) events.push(result);
    else quarantined.push(result);
  });
  return { sport, fetchedAt, events, quarantined };
}

/**
 * Normalises an `/events/{id}/odds` body, which is a single event object.
 *
 * @throws InvalidPayloadError when `payload` is not a JSON object.
 */
export function normalizeEventOddsPayload(
  sport: Sport,
  payload: unknown,
  options: NormalizeOptions,
): NormalizedOdds {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new InvalidPayloadError(`expected one event object, got ${describeJson(payload)}`);
  }
  return normalizeOddsPayload(sport, [payload], options);
}
