/**
 * Which runs of a slate the report reads. A slate (sport, date) can be run many times — by the
 * schedule, by hand, by one or more backfills — and every run keeps its own rows. The report
 * takes, per slate, the newest *completed* run, and reads the decisions of record of that run's
 * calibration chain on that date (for a replay they are that run's own rows; on a live day with
 * several runs, each game's decision from the last run completed before its kick-off). Failed or
 * still-running runs never count (their rows may be partial).
 */

export interface RunCandidate {
  readonly runId: string;
  readonly slateDate: string;
  readonly runKind: string;
  readonly status: string;
  readonly modelHash: string | null;
  readonly configHash: string | null;
  /** Calibration chain of the run (production, research:…, backfill:…). */
  readonly chain?: string;
  /** History lines the run priced (config `lines`; absent: close). */
  readonly lines?: 'open' | 'close';
  /** ISO instant; null while running. */
  readonly finishedAt: string | null;
  /** ISO instant. */
  readonly startedAt: string;
}

export interface ChosenRuns<R extends RunCandidate> {
  /** One run per slate date, by date. */
  readonly runs: R[];
  /** Completed runs replaced by a newer run of the same slate. */
  readonly superseded: number;
}

/** Newest first: latest finish, then latest start, then the larger run ID (deterministic). */
function newerFirst(a: RunCandidate, b: RunCandidate): number {
  const cmp = (x: string, y: string) => (x < y ? 1 : x > y ? -1 : 0);
  return (
    cmp(a.finishedAt ?? '', b.finishedAt ?? '') ||
    cmp(a.startedAt, b.startedAt) ||
    cmp(a.runId, b.runId)
  );
}

/** The newest completed run per slate date. */
export function chooseRuns<R extends RunCandidate>(candidates: readonly R[]): ChosenRuns<R> {
  const completed = candidates.filter((r) => r.status === 'completed');
  const byDate = new Map<string, R>();
  for (const r of [...completed].sort(newerFirst))
    if (!byDate.has(r.slateDate)) byDate.set(r.slateDate, r);
  const runs = [...byDate.values()].sort((a, b) => (a.slateDate < b.slateDate ? -1 : 1));
  return { runs, superseded: completed.length - runs.length };
}
