/**
 * The slate invariant (R7 L2, R8), re-checked on classifySlate's output: a violation is a bug
 * and must fail the run, never publish a one-sided slate.
 */
import type { SafetyConfig } from './config';
import type { PickDecision } from './decision';
import { SafetyInvariantError } from './errors';

/**
 * Re-checks the output: in every guard-activated totals group, neither the PICK set nor the
 * published set has a side above `maxSideShare`; PICK is parlay-eligible and nothing else is.
 * @throws SafetyInvariantError
 */
export function assertSlateInvariant(
  picks: readonly PickDecision[],
  activatedGroups: ReadonlySet<string>,
  config: SafetyConfig,
): void {
  const problems: string[] = [];
  const counts = new Map<string, { pub: [number, number]; pick: [number, number] }>();
  for (const d of picks) {
    if (d.parlayEligible !== (d.state === 'PICK'))
      problems.push(`${d.gameId} ${d.market}: parlay eligibility inconsistent`);
    if (d.publishDecision !== (d.state !== 'NO_PLAY'))
      problems.push(`${d.gameId} ${d.market}: publish decision inconsistent`);
    const side = d.pricing?.side;
    if (side !== 'OVER' && side !== 'UNDER') continue;
    const group = `${d.sport}|${d.market}`;
    if (!activatedGroups.has(group)) continue;
    const c = counts.get(group) ?? { pub: [0, 0], pick: [0, 0] };
    const i = side === 'OVER' ? 0 : 1;
    if (d.publishDecision) c.pub[i] += 1;
    if (d.state === 'PICK') c.pick[i] += 1;
    counts.set(group, c);
  }
  const max = config.slateGuard.maxSideShare;
  for (const [group, c] of counts) {
    for (const [label, [o, u]] of [
      ['published', c.pub],
      ['PICK', c.pick],
    ] as const) {
      const n = o + u;
      if (n > 0 && (o / n > max || u / n > max))
        problems.push(`${group}: ${label} split ${o} over / ${u} under exceeds ${max}`);
    }
  }
  if (problems.length > 0) throw new SafetyInvariantError(problems);
}
