/** `beatvegas reproduce --pick ID` (R9): re-run a pick from its run's stored inputs. */
import type { Command } from 'commander';
import { withDb } from '../connections';
import { ReportedFailure } from '../errors';
import { JSON_HELP, printResult } from '../program';
import { reproducePick, type Reproduction } from '../reproduce';

/** IDENTICAL or DIFFERENT, every difference, and the version stamps then and now. */
export function formatReproduction(r: Reproduction): string[] {
  const out: string[] = [
    `pick ${r.pickId} (${r.market}, ${r.gameId}, run ${r.runId}): ${r.identical ? 'IDENTICAL' : 'DIFFERENT'}`,
  ];
  for (const d of r.differences) {
    out.push(
      `  ${d.path}: stored ${JSON.stringify(d.stored)} vs reproduced ${JSON.stringify(d.reproduced)}`,
    );
  }
  for (const [name, v] of Object.entries(r.stamps)) {
    out.push(
      `  ${name}: ${v.stored ?? '—'}${v.stored === v.current ? ' (unchanged)' : ` → now ${v.current}`}`,
    );
  }
  return out;
}

export function registerReproduce(program: Command): void {
  program
    .command('reproduce')
    .description(
      "re-run a pick from its run's stored inputs and configuration; identical or every difference (R9)",
    )
    .requiredOption('--pick <id>', 'pick_audit id')
    .option('--json', JSON_HELP)
    .action(async (opts: { pick: string; json?: boolean }) => {
      const r = await withDb((db) => reproducePick(db, opts.pick));
      printResult(opts.json, r, formatReproduction);
      // A difference was reported above: exit 1 without more output.
      if (!r.identical) throw new ReportedFailure('reproduction differs');
    });
}
