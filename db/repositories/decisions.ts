/**
 * The decision of record (README): per calibration chain and (game, market, line), the decision
 * of the newest run that completed before the game's commence time (view `decisions_of_record`,
 * migration 0005). Earlier runs' decisions stay in `pick_audit` as history.
 */
import type { Db } from '../schema';

export interface RunDecision {
  id: string;
  run_id: string;
  run_kind: string;
  chain: string;
  game_id: string;
  market_type: string;
  line_key: string;
  state: 'PICK' | 'LEAN' | 'NO_PLAY';
  side: string | null;
  line: number | null;
  price: number | null;
  edge_pp: number | null;
  confidence: number | null;
  reasons: string[];
  /** When the run's decision counts as made (completion, or as-of for a replay); null if it failed. */
  decided_at: Date | null;
  of_record: boolean;
}

const COLUMNS = [
  'p.id',
  'p.run_id',
  'p.game_id',
  'p.market_type',
  'p.line_key',
  'p.state',
  'p.side',
  'p.line',
  'p.price',
  'p.edge_pp',
  'p.confidence',
  'p.reasons',
] as const;

/** Decisions of record of `sport` on slate `date` in `chain`, by game, market, line. */
export async function decisionsOfRecord(
  db: Db,
  sport: string,
  date: string,
  chain = 'production',
): Promise<RunDecision[]> {
  const rows = await db
    .selectFrom('decisions_of_record as p')
    .select([...COLUMNS, 'p.run_kind', 'p.chain', 'p.decided_at'])
    .where('p.sport', '=', sport)
    .where('p.slate_date', '=', date)
    .where('p.chain', '=', chain)
    .orderBy('p.game_id')
    .orderBy('p.market_type')
    .orderBy('p.line_key')
    .execute();
  return rows.map((r) => ({ ...r, of_record: true }));
}

/** Every run's decisions of `sport` on `date` (all chains), oldest run first, marked of record or not. */
export async function allRunDecisions(db: Db, sport: string, date: string): Promise<RunDecision[]> {
  const rows = await db
    .selectFrom('pick_audit as p')
    .innerJoin('slate_runs as s', 's.run_id', 'p.run_id')
    .leftJoin('decisions_of_record as d', 'd.id', 'p.id')
    .select([
      ...COLUMNS,
      's.run_kind',
      's.chain',
      's.status',
      's.live',
      's.as_of',
      's.finished_at',
      'd.id as record_id',
    ])
    .where('p.sport', '=', sport)
    .where('p.slate_date', '=', date)
    .orderBy('s.started_at')
    .orderBy('p.game_id')
    .orderBy('p.market_type')
    .orderBy('p.line_key')
    .execute();
  return rows.map(({ status, live, as_of, finished_at, record_id, ...r }) => ({
    ...r,
    decided_at: status === 'completed' ? (live ? finished_at : as_of) : null,
    of_record: record_id !== null,
  }));
}

/**
 * Published (PICK or LEAN) full-game totals of record of `sport` on `chain`'s slates dated in
 * [from, to], by side: the slate guard's trailing window (issue #20). One aggregate statement.
 */
export async function publishedTotalsWindow(
  db: Db,
  sport: string,
  chain: string,
  range: { from: string; to: string },
): Promise<{ over: number; under: number }> {
  const row = await db
    .selectFrom('decisions_of_record')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('side', '=', 'OVER').as('over'),
      eb.fn.countAll<string>().filterWhere('side', '=', 'UNDER').as('under'),
    ])
    .where('sport', '=', sport)
    .where('chain', '=', chain)
    .where('market_type', '=', 'totals')
    .where('state', '<>', 'NO_PLAY')
    .where('slate_date', '>=', range.from)
    .where('slate_date', '<=', range.to)
    .executeTakeFirstOrThrow();
  return { over: Number(row.over), under: Number(row.under) };
}
