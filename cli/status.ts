/**
 * `beatvegas status [--date D] [--chain C] [--json]`: the first thing an operator runs in the
 * morning — per sport, the slate runs of one America/New_York date with their outcome, games,
 * decisions by state and warnings; the newest calibration row; and the newest odds API quota
 * the system recorded. The SQL is in db/repositories/status.ts; this module shapes and formats.
 */
import type { Kysely } from 'kysely';
import { SPORTS, SPORT_INFO, type Sport } from '../core/sports';
import {
  latestCalibrationRows,
  latestRecordedQuota,
  slateRunsOnDate,
  type CalibrationRow,
  type RecordedQuota,
  type StatusRunRow,
} from '../db/repositories/status';
import type { Database } from '../db/schema';

export interface RunStatus {
  runId: string;
  runKind: string;
  source: string;
  /** `running`, `completed` or `failed`. */
  outcome: string;
  live: boolean;
  chain: string;
  startedAt: string;
  finishedAt: string | null;
  games: number;
  /** Games whose lines survived verification (simulated). */
  gamesPriceable: number;
  marketsBlocked: number;
  /** pick_audit rows by state (PICK and LEAN are published). */
  picks: { PICK: number; LEAN: number; NO_PLAY: number };
  published: number;
  /** Slate warnings of the classify step, flags switched off, a completed slate without games. */
  warnings: string[];
  /** Why a failed run failed. */
  error: string | null;
}

export interface CalibrationStatus {
  date: string;
  chain: string;
  /** Whole days between the row's date and the status date (1 = yesterday's row, as expected). */
  ageDays: number;
  windowDays: number;
  games: number;
  offset: number;
  dampFactor: number;
  biasVsActual: number | null;
  biasVsMarket: number | null;
  winRate: number | null;
  pushRate: number | null;
  triggers: string[];
  /** Live games priced but still without a final score past the `/scores` look-back. */
  ungraded: number;
}

export interface SportStatus {
  sport: Sport;
  runs: RunStatus[];
  /** The newest calibration row of the chain on or before the date; null if none. */
  calibration: CalibrationStatus | null;
}

/** The odds API quota as the newest slate run that fetched from the API recorded it. */
export interface OddsQuotaStatus {
  /** `x-requests-remaining`: credits left on the API key. */
  remaining: number | null;
  /** `x-requests-used`: credits used in the period. */
  used: number | null;
  /** `x-requests-last`: cost of that run's last request. */
  last: number | null;
  /** Requests that run made. */
  requests: number | null;
  runId: string;
  sport: string;
  /** When that run started (ISO instant). */
  recordedAt: string;
}

export interface StatusReport {
  /** The slate date shown (America/New_York), YYYY-MM-DD. */
  date: string;
  timeZone: 'America/New_York';
  /** The calibration chain whose newest row is shown. */
  chain: string;
  sports: SportStatus[];
  /** Null when no slate run has recorded the quota headers (printed as `unknown`). */
  oddsQuota: OddsQuotaStatus | null;
}

const DAY_MS = 86_400_000;

function runStatus(r: StatusRunRow): RunStatus {
  const off = Object.entries(r.flags)
    .filter(([, on]) => !on)
    .map(([flag]) => flag)
    .sort();
  const warnings = [
    ...(r.status === 'completed' && r.games === 0 ? ['no games on the slate'] : []),
    ...(off.length > 0 ? [`feature flags OFF: ${off.join(', ')}`] : []),
    ...(Array.isArray(r.warnings) ? r.warnings : []),
  ];
  return {
    runId: r.run_id,
    runKind: r.run_kind,
    source: r.source,
    outcome: r.status,
    live: r.live,
    chain: r.chain,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    games: r.games,
    gamesPriceable: r.games_verified,
    marketsBlocked: r.markets_blocked,
    picks: { PICK: r.pick, LEAN: r.lean, NO_PLAY: r.no_play },
    published: r.pick + r.lean,
    warnings,
    error: r.error,
  };
}

function calibrationStatus(row: CalibrationRow, date: string): CalibrationStatus {
  return {
    date: row.date,
    chain: row.chain,
    ageDays: Math.round((Date.parse(date) - Date.parse(row.date)) / DAY_MS),
    windowDays: row.window_days,
    games: row.games,
    offset: row.offset,
    dampFactor: row.damp_factor,
    biasVsActual: row.bias_vs_actual,
    biasVsMarket: row.bias_vs_market,
    winRate: row.win_rate,
    pushRate: row.push_rate,
    triggers: row.triggers,
    ungraded: row.ungraded,
  };
}

function quotaNumber(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function oddsQuotaStatus(q: RecordedQuota): OddsQuotaStatus {
  return {
    remaining: quotaNumber(q.quota.remaining),
    used: quotaNumber(q.quota.used),
    last: quotaNumber(q.quota.last),
    requests: quotaNumber(q.quota.requests),
    runId: q.run_id,
    sport: q.sport,
    recordedAt: q.started_at.toISOString(),
  };
}

/** Reads the status of `date` (America/New_York, YYYY-MM-DD) for every sport. */
export async function loadStatus(
  db: Kysely<Database>,
  date: string,
  chain = 'production',
): Promise<StatusReport> {
  const [runs, calibrations, quota] = await Promise.all([
    slateRunsOnDate(db, date),
    latestCalibrationRows(db, date, chain),
    latestRecordedQuota(db),
  ]);
  return {
    date,
    timeZone: 'America/New_York',
    chain,
    sports: SPORTS.map((sport) => {
      const row = calibrations.find((c) => c.sport === sport);
      return {
        sport,
        runs: runs.filter((r) => r.sport === sport).map(runStatus),
        calibration: row ? calibrationStatus(row, date) : null,
      };
    }),
    oddsQuota: quota ? oddsQuotaStatus(quota) : null,
  };
}

const num = (v: number | null, digits: number): string => (v === null ? '—' : v.toFixed(digits));

function formatRun(r: RunStatus): string[] {
  const time = `${r.startedAt}${r.finishedAt ? ` → ${r.finishedAt}` : ''}`;
  return [
    `  ${r.outcome.toUpperCase()} ${r.runId} (${r.runKind}, source ${r.source}${r.live ? ', live' : ''}) ${time}`,
    `    games ${r.games} · priceable ${r.gamesPriceable} · blocked markets ${r.marketsBlocked}` +
      ` · PICK ${r.picks.PICK} · LEAN ${r.picks.LEAN} · NO_PLAY ${r.picks.NO_PLAY}`,
    ...(r.warnings.length > 0 ? [`    warnings: ${r.warnings.join('; ')}`] : []),
    ...(r.error ? [`    error: ${r.error}`] : []),
  ];
}

function formatCalibration(c: CalibrationStatus | null, chain: string): string {
  if (c === null) return `  calibration: no row on chain ${chain}`;
  return (
    `  calibration ${c.date} (${c.chain}, ${c.ageDays} day${c.ageDays === 1 ? '' : 's'} before): ` +
    `offset ${c.offset} · damp ${c.dampFactor} · ${c.games} games in ${c.windowDays} days` +
    ` · bias vs actual ${num(c.biasVsActual, 2)} · vs market ${num(c.biasVsMarket, 2)}` +
    ` · win rate ${num(c.winRate, 3)} · ungraded ${c.ungraded}` +
    (c.triggers.length > 0 ? ` · triggers ${c.triggers.join(',')}` : '')
  );
}

function formatQuota(q: OddsQuotaStatus | null): string {
  if (q === null)
    return "odds API quota: unknown (no slate run has recorded The Odds API's x-requests-remaining)";
  return (
    `odds API quota: ${q.remaining ?? 'unknown'} requests remaining` +
    ` (used ${q.used ?? '—'}, last request cost ${q.last ?? '—'})` +
    ` as recorded by ${q.runId} (${q.sport}) at ${q.recordedAt}`
  );
}

/** The text of `beatvegas status`: one block per sport, then the odds quota. */
export function formatStatus(s: StatusReport): string[] {
  const out = [`status of ${s.date} (${s.timeZone})`];
  for (const sport of s.sports) {
    out.push(`${SPORT_INFO[sport.sport].label}`);
    if (sport.runs.length === 0) out.push('  no slate runs');
    for (const r of sport.runs) out.push(...formatRun(r));
    out.push(formatCalibration(sport.calibration, s.chain));
  }
  out.push(formatQuota(s.oddsQuota));
  return out;
}
