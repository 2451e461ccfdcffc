/**
 * What an operator reads first in the morning (`beatvegas status`): a date's slate runs with
 * their decisions by state, the newest calibration row per sport, and the newest odds API quota
 * the system recorded. Read-only.
 */
import { sql, type Selectable } from 'kysely';
import type { CalibrationDailyTable, Db } from '../schema';

/** One slate run of the date, with its pick_audit rows counted by state. */
export interface StatusRunRow {
  run_id: string;
  sport: string;
  run_kind: string;
  source: string;
  /** `running`, `completed` or `failed`. */
  status: string;
  live: boolean;
  chain: string;
  started_at: Date;
  finished_at: Date | null;
  games: number;
  games_verified: number;
  markets_blocked: number;
  picks_published: number;
  flags: Record<string, boolean>;
  triggers: string[];
  /** The classify step's slate warnings (null until the run completed). */
  warnings: string[] | null;
  error: string | null;
  pick: number;
  lean: number;
  no_play: number;
}

/**
 * Every slate run of `date` (the slate's America/New_York date, YYYY-MM-DD), by sport and start
 * time, with the run's pick_audit rows counted per state (rows exist from the classify step on,
 * so a running run shows what it has decided so far).
 */
export async function slateRunsOnDate(db: Db, date: string): Promise<StatusRunRow[]> {
  const rows = await db
    .selectFrom('slate_runs as r')
    .leftJoin('pick_audit as p', 'p.run_id', 'r.run_id')
    .select([
      'r.run_id',
      'r.sport',
      'r.run_kind',
      'r.source',
      'r.status',
      'r.live',
      'r.chain',
      'r.started_at',
      'r.finished_at',
      'r.games',
      'r.games_verified',
      'r.markets_blocked',
      'r.picks_published',
      'r.flags',
      'r.triggers',
      'r.error',
      sql<string[] | null>`r.summary -> 'classified' -> 'warnings'`.as('warnings'),
      sql<string>`count(p.id) filter (where p.state = 'PICK')`.as('pick'),
      sql<string>`count(p.id) filter (where p.state = 'LEAN')`.as('lean'),
      sql<string>`count(p.id) filter (where p.state = 'NO_PLAY')`.as('no_play'),
    ])
    .where('r.slate_date', '=', date)
    // run_id is the key of slate_runs: every r column is determined by it.
    .groupBy('r.run_id')
    .orderBy('r.sport')
    .orderBy('r.started_at')
    .orderBy('r.run_id')
    .execute();
  return rows.map((r) => ({
    ...r,
    pick: Number(r.pick),
    lean: Number(r.lean),
    no_play: Number(r.no_play),
  }));
}

export type CalibrationRow = Selectable<CalibrationDailyTable>;

/**
 * Per sport, the newest calibration_daily row of `chain` dated on or before `date` (none for a
 * sport never calibrated on that chain).
 */
export async function latestCalibrationRows(
  db: Db,
  date: string,
  chain: string,
): Promise<CalibrationRow[]> {
  return db
    .selectFrom('calibration_daily')
    .distinctOn('sport')
    .selectAll()
    .where('chain', '=', chain)
    .where('date', '<=', date)
    .orderBy('sport')
    .orderBy('date', 'desc')
    .execute();
}

/** The quota headers a slate run recorded from its last odds API response. */
export interface RecordedQuota {
  run_id: string;
  sport: string;
  /** When the run started (its fetch step records the quota). */
  started_at: Date;
  quota: Record<string, unknown>;
}

/**
 * The newest quota any slate run recorded (`slate_runs.quota`: the `x-requests-remaining`,
 * `-used` and `-last` headers of the run's last odds API response, and its request count), or
 * undefined if no run has fetched from the odds API. The quota belongs to the API key, so the
 * newest run of any sport speaks for all.
 */
export async function latestRecordedQuota(db: Db): Promise<RecordedQuota | undefined> {
  const row = await db
    .selectFrom('slate_runs')
    .select(['run_id', 'sport', 'started_at', 'quota'])
    .where('quota', 'is not', null)
    .orderBy('started_at', 'desc')
    .orderBy('run_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.quota ? { ...row, quota: row.quota } : undefined;
}
