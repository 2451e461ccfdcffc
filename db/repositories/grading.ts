/**
 * Grading (R11): the decisions of record still to grade, their results (`pick_results`), final
 * scores and their corrections (`score_corrections`), and the games live runs priced. Only
 * decisions of record are graded (view `decisions_of_record`).
 */
import { sql } from 'kysely';
import { GRADABLE_MARKETS } from '../../core/grading/grade';
import type { Db } from '../schema';
import { batches } from './batch';
import { recordsWithCurrentGrade } from './calibration';

export interface UngradedPick {
  id: string;
  market_type: string;
  line_key: string;
  side: string;
  line: number;
  price: number | null;
  game_id: string;
  home_score: number;
  away_score: number;
}

/**
 * Published full-game totals, spreads and team-totals picks on slates up to `date` whose game is
 * final and that have no result on its current final score yet: never graded, or graded on a
 * score that was corrected since (graded again in a new row; the old grade stays).
 */
export async function ungradedPicks(db: Db, sport: string, date: string): Promise<UngradedPick[]> {
  const rows = await recordsWithCurrentGrade(db)
    .select([
      'p.id',
      'p.market_type',
      'p.line_key',
      'p.side',
      'p.line',
      'p.price',
      'p.game_id',
      'g.home_score',
      'g.away_score',
    ])
    .where('p.sport', '=', sport)
    .where('p.slate_date', '<=', date)
    .where('p.publish_decision', '=', true)
    .where('p.market_type', 'in', GRADABLE_MARKETS)
    .where('p.side', 'is not', null)
    .where('p.line', 'is not', null)
    .where('g.home_score', 'is not', null)
    .where('g.away_score', 'is not', null)
    .where('r.pick_id', 'is', null)
    .orderBy('p.id')
    .execute();
  return rows as UngradedPick[];
}

/**
 * Stores grades. Insert-only: a grade is keyed by (pick, final score), so a retry adds nothing
 * and a corrected score adds a new grade beside the old one.
 */
export async function upsertPickResults(
  db: Db,
  results: readonly {
    pickId: string;
    gameId: string;
    result: 'win' | 'loss' | 'push';
    units: number;
    homeScore: number;
    awayScore: number;
  }[],
): Promise<void> {
  for (const chunk of batches(results, 6)) {
    await db
      .insertInto('pick_results')
      .values(
        chunk.map((r) => ({
          pick_id: r.pickId,
          game_id: r.gameId,
          result: r.result,
          units: r.units,
          home_score: r.homeScore,
          away_score: r.awayScore,
        })),
      )
      .onConflict((oc) => oc.columns(['pick_id', 'home_score', 'away_score']).doNothing())
      .execute();
  }
}

export interface FinalScoreInput {
  gameId: string;
  homeScore: number;
  awayScore: number;
}

/**
 * Keeps every final score that is about to change: one `score_corrections` row per game whose
 * stored final differs from `finals` (one statement). Call before writing the new scores.
 */
export async function recordScoreCorrections(
  db: Db,
  finals: readonly FinalScoreInput[],
  source: string,
): Promise<number> {
  if (finals.length === 0) return 0;
  const result = await sql`
    insert into score_corrections
      (game_id, old_home_score, old_away_score, new_home_score, new_away_score, source)
    select g.game_id, g.home_score, g.away_score, v.h, v.a, ${source}
    from games g
    join unnest(${finals.map((f) => f.gameId)}::text[], ${finals.map((f) => f.homeScore)}::int[],
                ${finals.map((f) => f.awayScore)}::int[]) as v(id, h, a) on g.game_id = v.id
    where g.home_score is not null and g.away_score is not null
      and (g.home_score <> v.h or g.away_score <> v.a)`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Final scores from a results feed (odds-api `/scores`); only games we know are touched. A
 * changed final is a correction: kept in `score_corrections`, and the next grading grades its
 * picks again. Returns how many games changed and how many of those were corrections.
 */
export async function applyFinalScores(
  db: Db,
  finals: readonly FinalScoreInput[],
  source: string,
): Promise<{ updated: number; corrected: number }> {
  if (finals.length === 0) return { updated: 0, corrected: 0 };
  const corrected = await recordScoreCorrections(db, finals, source);
  // One statement for the whole feed: unnest the three columns into a join.
  const result = await sql`
    update games g set home_score = v.h, away_score = v.a, updated_at = now()
    from unnest(${finals.map((f) => f.gameId)}::text[], ${finals.map((f) => f.homeScore)}::int[],
                ${finals.map((f) => f.awayScore)}::int[]) as v(id, h, a)
    where g.game_id = v.id and (g.home_score is distinct from v.h or g.away_score is distinct from v.a)`.execute(
    db,
  );
  return { updated: Number(result.numAffectedRows ?? 0n), corrected };
}

/** A game priced by a live (odds-api) run, with its stored final (null until final). */
export interface LiveGame {
  game_id: string;
  commence_time: Date;
  home_team: string;
  away_team: string;
  season: number;
  event_id: string | null;
  home_score: number | null;
  away_score: number | null;
}

/**
 * Games of `sport` that a live (`odds-api`) run priced on slates in [from, to]: what `/scores`
 * grades (those without a final) or may correct (those with one).
 */
export async function liveGamesBetween(
  db: Db,
  sport: string,
  from: string,
  to: string,
): Promise<LiveGame[]> {
  const rows = await sql<LiveGame>`
    select distinct g.game_id, g.commence_time, g.home_team, g.away_team, g.season,
      g.meta ->> 'oddsApiId' as event_id, g.home_score, g.away_score
    from pick_audit p
      join slate_runs s on s.run_id = p.run_id
      join games g on g.game_id = p.game_id
    where p.sport = ${sport} and p.slate_date between ${from} and ${to}
      and s.source = 'odds-api'
    order by g.commence_time, g.game_id`.execute(db);
  return rows.rows;
}
