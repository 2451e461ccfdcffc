/**
 * `beatvegas report` (SPEC §5): reads the decisions of record of every slate of one sport in a
 * date range (see core/report/runs.ts for which) and measures them against SPEC §6. Definitions: `core/report/definitions.md`.
 */
import type { Kysely } from 'kysely';
import { isIsoDate } from '../core/calendar';
import type { HistoryLines } from '../core/effective-config';
import { assembleReport, chooseRuns, type BacktestReport, type ReportExtra } from '../core/report';
import { isSport, SPORTS, type Sport } from '../core/sports';
import type { Database } from '../db/schema';
import {
  analyzeReportTables,
  auditRows,
  decompositionRows,
  gamesInRange,
  lineCheckRows,
  runsInRange,
  simulationRows,
} from '../db/repositories/report';

export interface ReportOptions {
  readonly sport: Sport;
  /** First slate date, `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  /** Last slate date, `YYYY-MM-DD`, inclusive. */
  readonly to: string;
  /**
   * Runs priced on these history lines only (default close): a `backfill --lines open` runs
   * every slate again, and its runs are newer, so without this they would replace the others.
   */
  readonly lines?: HistoryLines;
}

/** A bad sport or date range (the CLI validates first; this guards other callers). */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
}

function checkOptions(o: ReportOptions): void {
  if (!isSport(o.sport))
    throw new ReportInputError(
      `unknown sport ${JSON.stringify(o.sport)}; valid values: ${SPORTS.join(', ')}`,
    );
  for (const [flag, v] of [
    ['--from', o.from],
    ['--to', o.to],
  ] as const)
    if (!isIsoDate(v))
      throw new ReportInputError(`${flag}: invalid date ${JSON.stringify(v)}; expected YYYY-MM-DD`);
  if (o.from > o.to) throw new ReportInputError(`--from ${o.from} is after --to ${o.to}`);
}

/** What {@link loadReport} reads: the report, its HTML chart series, and the runs it left out. */
export interface LoadedReport {
  readonly report: BacktestReport;
  readonly extra: ReportExtra;
  /**
   * Slate runs in the range that priced the other history lines (`open` for a closing-line
   * report and the reverse): a report that finds no run of its own says where they are.
   */
  readonly otherLines: { readonly lines: HistoryLines; readonly runs: number };
}

/** The report and the chart series of the HTML page, from one consistent set of reads. */
export async function loadReport(
  db: Kysely<Database>,
  options: ReportOptions,
): Promise<LoadedReport> {
  checkOptions(options);
  const { sport, from, to } = options;
  await analyzeReportTables(db);
  // One repeatable-read snapshot: a slate run finishing mid-report cannot mix two runs' rows.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const lines = options.lines ?? 'close';
      const [inRange, games] = await Promise.all([
        runsInRange(trx, sport, from, to),
        gamesInRange(trx, sport, from, to),
      ]);
      const runs = inRange.filter((r) => (r.lines ?? 'close') === lines);
      const chosen = chooseRuns(runs).runs;
      const audit = await auditRows(
        trx,
        chosen.map((r) => ({ date: r.slateDate, chain: r.chain ?? 'production' })),
      );
      // Line checks, simulations and decompositions of every run a decision of record came from.
      const ids = [...new Set([...chosen.map((r) => r.runId), ...audit.map((a) => a.runId)])];
      const lineChecks = await lineCheckRows(trx, ids);
      const simulations = await simulationRows(trx, ids);
      const decompositions = await decompositionRows(trx, ids);
      const { report, extra } = assembleReport({
        sport,
        from,
        to,
        lines,
        runs,
        games,
        audit,
        lineChecks,
        simulations,
        decompositions,
      });
      return {
        report,
        extra,
        otherLines: {
          lines: lines === 'open' ? 'close' : 'open',
          runs: inRange.length - runs.length,
        },
      };
    });
}

/** `beatvegas report --json`: the SPEC §5 document. */
export async function buildReport(
  db: Kysely<Database>,
  options: ReportOptions,
): Promise<BacktestReport> {
  return (await loadReport(db, options)).report;
}
