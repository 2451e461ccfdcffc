/**
 * The daily calibration's reads and its table (R11); grading is in grading.ts. Only decisions
 * of record are measured (view `decisions_of_record`: per chain and line, the newest run that
 * completed before kick-off); windows are by slate date and per calibration chain.
 */
import { sql } from 'kysely';
import type { CalibrationState, SkillWeight } from '../../core/safety';
import type { Db } from '../schema';
import { calibrationRowId } from '../../core/pipeline/daily-calibration';

/**
 * Decisions of record (`p`) with their game (`g`) and their grade on the game's current final
 * score (`r`, null until graded on it): a corrected score leaves the old grade behind.
 */
export function recordsWithCurrentGrade(db: Db) {
  return db
    .selectFrom('decisions_of_record as p')
    .innerJoin('games as g', 'g.game_id', 'p.game_id')
    .leftJoin('pick_results as r', (join) =>
      join
        .onRef('r.pick_id', '=', 'p.id')
        .onRef('r.home_score', '=', 'g.home_score')
        .onRef('r.away_score', '=', 'g.away_score'),
    );
}

export interface WindowTotalRow {
  side: 'OVER' | 'UNDER';
  projection_raw: number;
  line: number;
  actual_total: number;
  published: boolean;
}

/** The chain's priced full-game total of record per game on slates in [from, to], with the final. */
export async function windowTotals(
  db: Db,
  sport: string,
  from: string,
  to: string,
  chain: string,
): Promise<WindowTotalRow[]> {
  const rows = await sql<WindowTotalRow>`
    select distinct on (p.game_id)
      p.side, (p.versions ->> 'projectionRaw')::float8 as projection_raw, p.line,
      (g.home_score + g.away_score)::float8 as actual_total, p.publish_decision as published
    from decisions_of_record p join games g on g.game_id = p.game_id
    where p.sport = ${sport} and p.chain = ${chain} and p.slate_date between ${from} and ${to}
      and p.market_type = 'totals' and p.line_key = '' and p.model_prob is not null
      and p.side in ('OVER', 'UNDER') and p.versions ? 'projectionRaw'
      and g.home_score is not null and g.away_score is not null
    order by p.game_id, p.created_at desc, p.id desc`.execute(db);
  return rows.rows;
}

/** Results of the chain's published decisions of record on slates in [from, to]. */
export async function windowResults(
  db: Db,
  sport: string,
  from: string,
  to: string,
  chain: string,
) {
  const rows = await sql<{ result: 'win' | 'loss' | 'push'; units: number }>`
    select r.result, r.units
    from decisions_of_record p join games g on g.game_id = p.game_id
      join pick_results r on r.pick_id = p.id
        and r.home_score = g.home_score and r.away_score = g.away_score
    where p.sport = ${sport} and p.chain = ${chain} and p.slate_date between ${from} and ${to}
      and p.publish_decision
    order by p.id`.execute(db);
  return rows.rows;
}

/** Sufficient statistics of one market kind's graded priced lines (see skill-weight.ts). */
export interface SkillSumsRow {
  kind: 'total' | 'spread';
  n: number;
  syd: number;
  sdd: number;
  sd: number;
  nRecent: number;
  syRecent: number;
}

/**
 * Skill-weight statistics of the chain's priced full-game totals and spreads (decisions of
 * record, published or not) on slates in [from, to] whose game is final: per market kind the
 * number of graded lines (pushes excluded) and Σ(y − q)(p − q), Σ(p − q)², with p the model
 * probability that entered the skill weight, q the no-vig market probability of the same side
 * and y whether that side won; and, for the base-rate shift, side A's (Over, home) Σ(p − q) and,
 * over slates from `shiftFrom`, its line count and Σ(y − q) (a decided side B line counts with
 * its sign flipped). One aggregate statement; kinds without lines are absent.
 */
export async function skillSums(
  db: Db,
  sport: string,
  range: { from: string; shiftFrom: string; to: string },
  chain: string,
): Promise<SkillSumsRow[]> {
  const { from, shiftFrom, to } = range;
  const rows = await sql<SkillSumsRow>`
    select kind, count(*)::int as n,
      coalesce(sum(((outcome > 0)::int - q) * (p - q)), 0)::float8 as syd,
      coalesce(sum((p - q) * (p - q)), 0)::float8 as sdd,
      coalesce(sum(sign_a * (p - q)), 0)::float8 as sd,
      (count(*) filter (where slate_date >= ${shiftFrom}))::int as "nRecent",
      coalesce(sum(sign_a * ((outcome > 0)::int - q)) filter (where slate_date >= ${shiftFrom}), 0)::float8
        as "syRecent"
    from (
      select case when d.market_type = 'spreads' then 'spread' else 'total' end as kind,
        d.slate_date, case when d.side in ('OVER', 'HOME') then 1 else -1 end as sign_a,
        d.market_prob as q, (d.versions ->> 'modelProbCorrected')::float8 as p,
        case
          when d.market_type = 'totals' and d.side = 'OVER'
            then sign(g.home_score + g.away_score - d.line)
          when d.market_type = 'totals' and d.side = 'UNDER'
            then sign(d.line - g.home_score - g.away_score)
          when d.market_type = 'spreads' and d.side = 'HOME'
            then sign(g.home_score - g.away_score + d.line)
          when d.market_type = 'spreads' and d.side = 'AWAY'
            then sign(g.away_score - g.home_score + d.line)
        end as outcome
      from decisions_of_record d join games g on g.game_id = d.game_id
      where d.sport = ${sport} and d.chain = ${chain} and d.slate_date between ${from} and ${to}
        and d.market_type in ('totals', 'spreads') and d.line_key = ''
        and d.market_prob > 0 and d.market_prob < 1 and d.versions ? 'modelProbCorrected'
        and g.home_score is not null and g.away_score is not null
    ) x
    where outcome is not null and outcome <> 0 and p between 0 and 1
    group by kind order by kind`.execute(db);
  return rows.rows;
}

export interface CalibrationDailyInput {
  sport: string;
  date: string;
  windowDays: number;
  games: number;
  overRateLeans: number | null;
  overRatePicks: number | null;
  biasVsActual: number | null;
  biasVsMarket: number | null;
  winRate: number | null;
  pushRate: number | null;
  dampFactor: number;
  offset: number;
  triggers: readonly string[];
  configHash: string;
  /** Live games still without a final past the `/scores` look-back. */
  ungraded: number;
  /** What the day's `/scores` ingestion did; null when it was not needed. */
  scores: object | null;
  /** The calibration chain the row belongs to. */
  chain: string;
  /** Skill weight per market kind (`{ w, n, raw, source }`); null: not measured. */
  skill: { total: { w: number }; spread: { w: number } } | null;
}

export async function upsertCalibrationDaily(db: Db, row: CalibrationDailyInput): Promise<void> {
  const values = {
    sport: row.sport,
    date: row.date,
    window_days: row.windowDays,
    games: row.games,
    over_rate_leans: row.overRateLeans,
    over_rate_picks: row.overRatePicks,
    bias_vs_actual: row.biasVsActual,
    bias_vs_market: row.biasVsMarket,
    win_rate: row.winRate,
    push_rate: row.pushRate,
    damp_factor: row.dampFactor,
    offset: row.offset,
    triggers: JSON.stringify(row.triggers),
    config_hash: row.configHash,
    ungraded: row.ungraded,
    scores: row.scores === null ? null : JSON.stringify(row.scores),
    chain: row.chain,
    skill_weight_total: row.skill?.total.w ?? null,
    skill_weight_spread: row.skill?.spread.w ?? null,
    skill: row.skill === null ? null : JSON.stringify(row.skill),
  };
  const { sport: _s, date: _d, chain: _c, ...update } = values;
  await db
    .insertInto('calibration_daily')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['sport', 'date', 'chain']).doUpdateSet({ ...update, created_at: sql`now()` }),
    )
    .execute();
}

/** Dates in [from, to] with at least one game of `sport`, and their game counts. */
export async function slateDates(db: Db, sport: string, from: string, to: string) {
  const rows = await db
    .selectFrom('games')
    .select(['game_date', (eb) => eb.fn.countAll<string>().as('games')])
    .where('sport', '=', sport)
    .where('game_date', '>=', from)
    .where('game_date', '<=', to)
    .groupBy('game_date')
    .orderBy('game_date')
    .execute();
  return rows.map((r) => ({ date: r.game_date, games: Number(r.games) }));
}

/**
 * The calibration state a slate of `date` reads: the chain's newest `calibration_daily` row dated
 * strictly before it, as the safety stack's {@link CalibrationState}; undefined when none.
 */
export async function calibrationStateBefore(
  db: Db,
  sport: string,
  date: string,
  chain: string,
): Promise<CalibrationState | undefined> {
  const row = await latestCalibrationBefore(db, sport, date, chain);
  if (row === undefined) return undefined;
  const skill = row.skill as { total?: SkillWeight; spread?: SkillWeight } | null;
  return {
    offset: row.offset,
    dampFactor: row.damp_factor,
    asOfDate: row.date,
    sourceRowId: calibrationRowId(row.sport, row.date, chain),
    triggers: (row.triggers as CalibrationState['triggers']) ?? [],
    skillWeights:
      skill?.total !== undefined && skill.spread !== undefined
        ? { total: withStoredDefaults(skill.total), spread: withStoredDefaults(skill.spread) }
        : null,
  };
}

/**
 * The newest calibration state before `date` of the first of `chains` that has one (in order;
 * a chain is read only when those before it have none); undefined when none has.
 */
export async function firstCalibrationStateBefore(
  db: Db,
  sport: string,
  date: string,
  chains: readonly string[],
): Promise<CalibrationState | undefined> {
  for (const chain of chains) {
    const state = await calibrationStateBefore(db, sport, date, chain);
    if (state !== undefined) return state;
  }
  return undefined;
}

/**
 * Rows stored before the base-rate shift existed carry none: no shift. Rows stored before the
 * weight's standard error existed carry none either: se null, so the skill is not established
 * for PICK until the next daily calibration writes a row with one.
 */
const withStoredDefaults = (w: SkillWeight): SkillWeight => ({
  ...w,
  shift: w.shift ?? 0,
  shiftN: w.shiftN ?? 0,
  se: w.se ?? null,
});

/**
 * Newest calibration_daily row of `sport` and `chain` dated strictly before `date` (R11: no
 * look-ahead; a research chain never reads or shifts production).
 */
export async function latestCalibrationBefore(db: Db, sport: string, date: string, chain: string) {
  return db
    .selectFrom('calibration_daily')
    .selectAll()
    .where('sport', '=', sport)
    .where('chain', '=', chain)
    .where('date', '<', date)
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
}
