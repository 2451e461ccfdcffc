/**
 * The Odds API v4, pure part: response schemas and normalisation to the domain model (the
 * calendar that maps events onto slates is core/calendar.ts). No I/O (the HTTP client lives in
 * odds/).
 */
export * from './schemas';
export { InvalidPayloadError, describeJson } from './errors';
export { gameIdentity, seasonOf, type GameIdentity } from './identity';
export { formatIssues, formatPath, type PathIssue } from './issues';
export { mapEventQuotes, type MappedQuotes, type QuoteContext } from './map-markets';
export {
  normalizeEventOddsPayload,
  normalizeOddsPayload,
  type NormalizedEvent,
  type NormalizedOdds,
  type NormalizeOptions,
  type QuarantinedEvent,
} from './normalize-odds';
export { normalizeScores, type FinalScore, type NormalizedScores } from './normalize-scores';
export { parseEventMarkets, type EventMarketList } from './event-markets';
export {
  API_INSTANT,
  formatApiInstant,
  slateWindow,
  type ApiInstant,
  type SlateWindow,
} from './window';
