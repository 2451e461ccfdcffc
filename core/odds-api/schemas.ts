/**
 * Zod schemas for The Odds API v4 response bodies (https://the-odds-api.com/liveapi/guides/v4/).
 * They check what the pipeline relies on and strip what it does not use; unknown extra fields
 * (links, sids, …) are allowed. Times are ISO-8601 (`dateFormat=iso`), prices American
 * (`oddsFormat=american`).
 *
 * One deliberate extension: an outcome `price` may be `null`. The real API always sends a number,
 * but history closing lines before 2006 have no prices and the local history server serves them
 * as `null` rather than inventing −110; the integrity step then marks ASSUMED_PRICE (R2).
 */
import { z } from 'zod';

/** ISO-8601 instant with `Z` or an offset, with or without fractional seconds. */
export const isoInstant = z
  .string()
  .datetime({ offset: true, message: 'expected an ISO-8601 instant' });

const nonBlank = z.string().trim().min(1, 'must not be blank');
const finite = z.number().finite();

/** One priced outcome. `point` is the total / handicap; `description` names the team or player. */
export const outcomeSchema = z.object({
  name: nonBlank,
  price: finite.nullable(),
  point: finite.optional(),
  description: z.string().optional(),
});

/** One market of one bookmaker. */
export const marketSchema = z.object({
  key: nonBlank,
  last_update: isoInstant.optional(),
  outcomes: z.array(outcomeSchema),
});

export const bookmakerSchema = z.object({
  key: nonBlank,
  title: z.string().optional(),
  last_update: isoInstant,
  markets: z.array(marketSchema),
});

/** Fields shared by every event-shaped body. */
const eventCore = {
  id: nonBlank,
  sport_key: nonBlank,
  sport_title: z.string().optional(),
  commence_time: isoInstant,
  home_team: nonBlank,
  away_team: nonBlank,
};

/** An event with odds: `/odds` items and the `/events/{id}/odds` body. */
export const oddsEventSchema = z.object({ ...eventCore, bookmakers: z.array(bookmakerSchema) });

/** `/events` items (no odds, free of quota). */
export const eventSchema = z.object(eventCore);
export const eventListSchema = z.array(eventSchema);

/** `/events/{id}/markets`: which market keys each bookmaker lists for the event. */
export const eventMarketsSchema = z.object({
  ...eventCore,
  bookmakers: z.array(
    z.object({
      key: nonBlank,
      title: z.string().optional(),
      markets: z.array(z.object({ key: nonBlank, last_update: isoInstant.optional() })),
    }),
  ),
});

/**
 * `/scores` items. The API sends scores as strings ("24"); numbers are accepted too. `scores`
 * is null before kick-off; `last_update` is null until the first score update.
 */
export const scoreEventSchema = z.object({
  ...eventCore,
  completed: z.boolean(),
  scores: z.array(z.object({ name: nonBlank, score: z.union([z.string(), finite]) })).nullable(),
  last_update: isoInstant.nullable(),
});

/** `/sports` items. */
export const sportSchema = z.object({
  key: nonBlank,
  group: z.string(),
  title: z.string(),
  description: z.string(),
  active: z.boolean(),
  has_outrights: z.boolean(),
});

/** Error body of every non-2xx response, e.g. `{message, error_code: 'INVALID_KEY'}`. */
export const errorBodySchema = z.object({
  message: z.string(),
  error_code: z.string(),
  details_url: z.string().optional(),
});

export type OddsOutcome = z.infer<typeof outcomeSchema>;
export type OddsMarket = z.infer<typeof marketSchema>;
export type OddsBookmaker = z.infer<typeof bookmakerSchema>;
export type OddsEvent = z.infer<typeof oddsEventSchema>;
export type OddsEventSummary = z.infer<typeof eventSchema>;
export type OddsEventMarkets = z.infer<typeof eventMarketsSchema>;
export type OddsScoreEvent = z.infer<typeof scoreEventSchema>;
export type OddsSport = z.infer<typeof sportSchema>;
export type OddsErrorBody = z.infer<typeof errorBodySchema>;
