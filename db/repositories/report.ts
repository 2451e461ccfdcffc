/**
 * The report's reads. Each query returns plain rows in the shapes of `core/report/assemble.ts`;
 * rows are restricted to the chosen runs by ID, so the report never mixes two runs of a slate.
 */
import { sql } from 'kysely';
import {
  REPORT_MARKETS,
  type ReportAuditRow,
  type ReportDecomposition,
  type ReportGame,
  type ReportLineCheck,
  type ReportSimulation,
  type RunCandidate,
} from '../../core/report';
import type { TotalLineProbs } from '../../core/simulation-types';
import type { Db } from '../schema';
import { recordsWithCurrentGrade } from './calibration';
import { analyzeTables, type TableName } from './statistics';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** Every run of `sport` with a slate date in [from, to], whatever its status. */
export async function runsInRange(
  db: Db,
  sport: string,
  from: string,
  to: string,
): Promise<RunCandidate[]> {
  const rows = await db
    .selectFrom('slate_runs')
    .select([
      'run_id',
      'slate_date',
      'run_kind',
      'status',
      'model_hash',
      'config_hash',
      'chain',
      'started_at',
      'finished_at',
      sql<string | null>`config ->> 'lines'`.as('lines'),
    ])
    .where('sport', '=', sport)
    .where('slate_date', '>=', from)
    .where('slate_date', '<=', to)
    .execute();
  return rows.map((r) => ({
    runId: r.run_id,
    slateDate: r.slate_date,
    runKind: r.run_kind,
    status: r.status,
    modelHash: r.model_hash,
    configHash: r.config_hash,
    chain: r.chain,
    lines: r.lines === 'open' ? 'open' : 'close',
    startedAt: r.started_at.toISOString(),
    finishedAt: iso(r.finished_at),
  }));
}

/** Games of `sport` dated in [from, to] with their final scores (null until final). */
export async function gamesInRange(
  db: Db,
  sport: string,
  from: string,
  to: string,
): Promise<ReportGame[]> {
  const rows = await db
    .selectFrom('games')
    .select(['game_id', 'game_date', 'season', 'home_score', 'away_score'])
    .where('sport', '=', sport)
    .where('game_date', '>=', from)
    .where('game_date', '<=', to)
    .orderBy('game_id')
    .execute();
  return rows.map((r) => ({
    gameId: r.game_id,
    gameDate: r.game_date,
    season: r.season,
    homeScore: r.home_score,
    awayScore: r.away_score,
  }));
}

/**
 * Totals and spreads decisions of record of the given slates, each in the chain of the run the
 * report chose for it, with their grade on the game's current final score when there is one.
 */
export async function auditRows(
  db: Db,
  slates: readonly { date: string; chain: string }[],
): Promise<ReportAuditRow[]> {
  if (slates.length === 0) return [];
  const rows = await recordsWithCurrentGrade(db)
    .select([
      'p.run_id',
      'p.game_id',
      'p.slate_date',
      'p.market_type',
      'p.line_key',
      'p.side',
      'p.state',
      'p.reasons',
      'p.model_prob',
      'p.market_prob',
      'p.line',
      'p.price',
      'p.confidence',
      'p.edge_pp',
      'p.projection',
      'p.triggers',
      sql<number | null>`(p.versions ->> 'projectionRaw')::float8`.as('projection_raw'),
      sql<number | null>`(p.versions ->> 'modelProbRaw')::float8`.as('model_prob_raw'),
      sql<number | null>`(p.versions ->> 'modelProbCorrected')::float8`.as('model_prob_corrected'),
      sql<number | null>`(p.versions ->> 'skillWeight')::float8`.as('skill_weight'),
      sql<number | null>`(p.versions ->> 'baseRateShift')::float8`.as('base_rate_shift'),
      // Closing-line value: the lines the run priced, and the imported closing line of the market.
      sql<
        string | null
      >`(select s.config ->> 'lines' from slate_runs s where s.run_id = p.run_id)`.as(
        'priced_lines',
      ),
      sql<number | null>`(select c.point_a from market_lines c where c.game_id = p.game_id
        and c.source = 'history' and c.market = p.market_type and c.line_key = '' limit 1)`.as(
        'close_point_a',
      ),
      sql<number | null>`(select case when c.price_a is null or c.price_b is null then null
          else (case when c.price_a < 0 then -c.price_a / (100.0 - c.price_a) else 100.0 / (c.price_a + 100) end)
            / ((case when c.price_a < 0 then -c.price_a / (100.0 - c.price_a) else 100.0 / (c.price_a + 100) end)
              + (case when c.price_b < 0 then -c.price_b / (100.0 - c.price_b) else 100.0 / (c.price_b + 100) end)) end
        from market_lines c where c.game_id = p.game_id
        and c.source = 'history' and c.market = p.market_type and c.line_key = '' limit 1)::float8`.as(
        'close_no_vig_a',
      ),
      'r.result',
      'r.units',
    ])
    .where(
      sql<boolean>`(p.slate_date::text, p.chain) in (select * from unnest(${slates.map((s) => s.date)}::text[], ${slates.map((s) => s.chain)}::text[]))`,
    )
    .where('p.market_type', 'in', [...REPORT_MARKETS])
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    runId: r.run_id,
    gameId: r.game_id,
    slateDate: r.slate_date,
    market: r.market_type,
    lineKey: r.line_key,
    side: r.side,
    state: r.state,
    reasons: r.reasons,
    modelProb: r.model_prob,
    marketProb: r.market_prob,
    line: r.line,
    price: r.price,
    confidence: r.confidence,
    edgePp: r.edge_pp,
    projection: r.projection,
    triggers: r.triggers,
    projectionRaw: r.projection_raw,
    modelProbRaw: r.model_prob_raw,
    modelProbCorrected: r.model_prob_corrected,
    skillWeight: r.skill_weight,
    baseRateShift: r.base_rate_shift,
    pricedLines: r.priced_lines === 'open' ? 'open' : 'close',
    closePointA: r.close_point_a,
    closeNoVigA: r.close_no_vig_a,
    result: r.result,
    units: r.units,
    ofRecord: true,
  }));
}

/** Totals and spreads line checks of the runs (R2 verdicts, consensus, no-vig). */
export async function lineCheckRows(db: Db, runIds: readonly string[]): Promise<ReportLineCheck[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom('line_checks')
    .select(['run_id', 'game_id', 'market', 'line_key', 'ok', 'consensus_point', 'no_vig_a'])
    .where('run_id', 'in', [...runIds])
    .where('market', 'in', [...REPORT_MARKETS])
    .execute();
  return rows.map((r) => ({
    runId: r.run_id,
    gameId: r.game_id,
    market: r.market,
    lineKey: r.line_key,
    ok: r.ok,
    consensusPoint: r.consensus_point,
    noVigA: r.no_vig_a,
  }));
}

/** The full-game totals probabilities of each simulation (only that slice of the summary). */
export async function simulationRows(
  db: Db,
  runIds: readonly string[],
): Promise<ReportSimulation[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom('simulations')
    .select([
      'run_id',
      'game_id',
      sql<TotalLineProbs[] | null>`summary #> '{full,totals}'`.as('totals'),
    ])
    .where('run_id', 'in', [...runIds])
    .execute();
  return rows.map((r) => ({ runId: r.run_id, gameId: r.game_id, totals: r.totals ?? [] }));
}

export async function decompositionRows(
  db: Db,
  runIds: readonly string[],
): Promise<ReportDecomposition[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom('decomposition_logs')
    .select(['run_id', 'game_id', 'flags'])
    .where('run_id', 'in', [...runIds])
    .execute();
  return rows.map((r) => ({ runId: r.run_id, gameId: r.game_id, flags: r.flags }));
}

/** The tables the report reads. */
const REPORT_TABLES: readonly TableName[] = [
  'slate_runs',
  'pick_audit',
  'pick_results',
  'line_checks',
  'simulations',
  'decomposition_logs',
  'games',
  'market_lines',
];

/**
 * Refreshes the planner statistics of the tables the report reads, all of them: a report is run
 * by hand, and after a long backfill on a cluster with autovacuum off (statistics.ts) its queries
 * would be planned blind.
 */
export async function analyzeReportTables(db: Db): Promise<void> {
  await analyzeTables(db, REPORT_TABLES);
}
