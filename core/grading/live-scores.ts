/**
 * Which `/scores` finals may grade which live games. A final is applied only to a game a live
 * run priced, and only when the event agrees with the stored game: same teams, and a commence
 * time within {@link COMMENCE_TOLERANCE_MS}. Everything else is refused with a reason (never
 * silently applied, never silently dropped).
 */
import type { FinalScore } from '../odds-api/normalize-scores';
import type { IsoInstant } from '../types';

/** A stored game that a live run priced and that still has no final score. */
export interface AwaitingGame {
  readonly gameId: string;
  readonly commenceTime: IsoInstant;
  readonly homeTeam: string;
  readonly awayTeam: string;
  /** The Odds API event id the game was fetched under (null when unknown). */
  readonly eventId: string | null;
}

/** Kick-off may drift a little between the odds and the scores feed (delays, rounding). */
export const COMMENCE_TOLERANCE_MS = 3 * 3_600_000;

export interface LiveScoreMatch {
  /** Finals to store, one per awaiting game. */
  readonly apply: { gameId: string; homeScore: number; awayScore: number }[];
  /** Finals that named an awaiting game but disagree with it. */
  readonly rejected: { gameId: string; eventId: string; reason: string }[];
  /** Finals of events no live run priced (not ours to grade), by event id. */
  readonly notPriced: string[];
}

/**
 * Matches completed `/scores` events onto the awaiting games: by event id first (the id the
 * odds came with), else by game id (same teams and date).
 */
export function matchLiveScores(
  finals: readonly FinalScore[],
  awaiting: readonly AwaitingGame[],
): LiveScoreMatch {
  const byEvent = new Map<string, AwaitingGame>();
  const byGame = new Map<string, AwaitingGame>();
  for (const g of awaiting) {
    if (g.eventId !== null) byEvent.set(g.eventId, g);
    byGame.set(g.gameId, g);
  }
  const apply: LiveScoreMatch['apply'] = [];
  const rejected: LiveScoreMatch['rejected'] = [];
  const notPriced: string[] = [];
  const done = new Set<string>();
  for (const f of finals) {
    const game = byEvent.get(f.eventId) ?? byGame.get(f.gameId);
    if (!game) {
      notPriced.push(f.eventId);
      continue;
    }
    const problems: string[] = [];
    if (f.homeTeam !== game.homeTeam || f.awayTeam !== game.awayTeam) {
      problems.push(
        `teams ${f.awayTeam}@${f.homeTeam} disagree with the stored ${game.awayTeam}@${game.homeTeam}`,
      );
    }
    const drift = Math.abs(Date.parse(f.commenceTime) - Date.parse(game.commenceTime));
    if (!(drift <= COMMENCE_TOLERANCE_MS)) {
      problems.push(
        `commence time ${f.commenceTime} disagrees with the stored ${new Date(game.commenceTime).toISOString()}`,
      );
    }
    if (done.has(game.gameId)) problems.push('a second completed event for the same game');
    if (problems.length > 0) {
      rejected.push({ gameId: game.gameId, eventId: f.eventId, reason: problems.join('; ') });
      continue;
    }
    done.add(game.gameId);
    apply.push({ gameId: game.gameId, homeScore: f.homeScore, awayScore: f.awayScore });
  }
  return { apply, rejected, notPriced };
}
