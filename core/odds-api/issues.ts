/**
 * Quarantine reasons: one line naming where in the event the problem is (a JSON path such as
 * `bookmakers[0].markets[1].outcomes[0].price`) and what is wrong. Reasons are stored in
 * `odds_snapshots.reason` and shown to operators, so they stay short and precise.
 */
import type { ZodIssue } from 'zod';

/** A problem at a path inside one event. */
export interface PathIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** At most this many issues are spelled out; the rest are counted (bounded reason length). */
const MAX_LISTED = 5;

/** `['bookmakers', 0, 'key']` → `bookmakers[0].key`; the empty path is `(event)`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out === '' ? '(event)' : out;
}

/** Converts zod issues (union issues flattened to their branches' first issue). */
export function fromZodIssues(issues: readonly ZodIssue[]): PathIssue[] {
  return issues.map((issue) => {
    if (issue.code === 'invalid_union' && issue.unionErrors.length > 0) {
      const first = issue.unionErrors[0]?.issues[0];
      if (first) return { path: first.path, message: first.message };
    }
    return { path: issue.path, message: issue.message };
  });
}

/** One-line reason; never empty. */
export function formatIssues(issues: readonly PathIssue[]): string {
  if (issues.length === 0) return 'invalid event';
  const listed = issues.slice(0, MAX_LISTED).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const more = issues.length - MAX_LISTED;
  return more > 0 ? `${listed.join('; ')}; (+${more} more)` : listed.join('; ');
}
