/**
 * The rehearsal's report: phase timings, the faults, where the CPU went during each backfill
 * run, and the checks. Printed as text and saved as Markdown and JSON under artifacts/.
 */
import type { RunMeasure } from './backfill-run';
import type { CheckResult } from './checks';

export interface RehearsalReport {
  variant: string;
  startedAt: string;
  temporalVersion: string;
  /** Go build of the server and its SQL tool, seconds; null when already built. */
  buildSeconds: number | null;
  ranges: string[];
  plannedSlates: number;
  plannedGames: number;
  iterations: number;
  phases: Record<string, number>;
  runs: RunMeasure[];
  checks: CheckResult[];
  totalSeconds: number;
  machine: { cores: number; loadAverage: number[] };
}

const s = (x: number) => `${x.toFixed(1)} s`;

function cpuLines(run: RunMeasure): string[] {
  const busy = run.cpu['machine busy'] ?? 0;
  const total = run.cpu['machine total'] ?? 0;
  const ours = Object.entries(run.cpu).filter(([k]) => !k.startsWith('machine'));
  const mine = ours.reduce((a, [, v]) => a + v, 0);
  const lines = ours
    .sort((a, b) => b[1] - a[1])
    .map(
      ([k, v]) =>
        `| ${k} | ${v.toFixed(1)} | ${busy > 0 ? ((100 * v) / busy).toFixed(0) : '0'} % | ${((100 * v) / run.wallSeconds).toFixed(0)} % |`,
    );
  const other = Math.max(0, busy - mine);
  lines.push(
    `| other processes on the machine | ${other.toFixed(1)} | ${busy > 0 ? ((100 * other) / busy).toFixed(0) : '0'} % | ${((100 * other) / run.wallSeconds).toFixed(0)} % |`,
    `| idle | ${(total - busy).toFixed(1)} | | |`,
  );
  return [
    `| where (CPU, user+system) | core-seconds | share of machine busy | of one core |`,
    '|---|---:|---:|---:|',
    ...lines,
  ];
}

/** The report as Markdown (also what is printed at the end). */
export function formatReport(r: RehearsalReport): string {
  const ok = r.checks.every((c) => c.ok);
  const out: string[] = [
    `# Rehearsal (${r.variant}) — ${ok ? 'PASSED' : 'FAILED'}`,
    '',
    `Started ${r.startedAt}; ${r.machine.cores} cores, load average at start ${r.machine.loadAverage.map((x) => x.toFixed(1)).join(' ')}.`,
    `Temporal server v${r.temporalVersion} (${r.buildSeconds === null ? 'already built' : `built in ${s(r.buildSeconds)}`}).`,
    `Backfills: ${r.ranges.join('; ')} — ${r.plannedSlates} slates, ${r.plannedGames} games, ${r.iterations} iterations per game.`,
    `Total wall time ${s(r.totalSeconds)}.`,
    '',
    '## Phases (wall time)',
    '',
    '| phase | time |',
    '|---|---:|',
    ...Object.entries(r.phases).map(([k, v]) => `| ${k} | ${s(v)} |`),
  ];
  for (const run of r.runs) {
    out.push('', `## ${run.label}: ${s(run.wallSeconds)} for ${run.slatesDone} slates`, '');
    for (const b of run.backfills) {
      const sports = b.result
        ? Object.entries(b.result.sports)
            .map(
              ([sp, p]) =>
                `${sp} ${p.done} done, ${p.failed} failed, ${p.games} games, ${p.picks} picks published`,
            )
            .join('; ')
        : (b.error ?? 'no result');
      out.push(`- \`${b.workflowId}\`: ${b.status} — ${sports}`);
    }
    for (const f of run.faults)
      out.push(
        `- fault at ${s(f.atSeconds)} (${f.slatesDone} slates done): ${f.detail} (healed in ${s(f.healSeconds)})`,
      );
    if (run.unexpectedExits.length)
      out.push(`- unexpected exits: ${run.unexpectedExits.join(', ')}`);
    out.push('', ...cpuLines(run));
    const active = Object.entries(run.pgActiveSeconds);
    if (active.length)
      out.push(
        '',
        `PostgreSQL time executing statements (pg_stat_database.active_time, wall): ${active.map(([k, v]) => `${k} ${s(v)}`).join(', ')}.`,
      );
  }
  out.push(
    '',
    '## Checks',
    '',
    ...r.checks.map((c) => `- ${c.ok ? 'PASS' : 'FAIL'} ${c.name}: ${c.detail}`),
  );
  return out.join('\n') + '\n';
}
