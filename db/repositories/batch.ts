/**
 * Postgres caps a statement at 65,535 bind parameters; batches keep every upsert set-based
 * (one statement per batch) while staying under that cap.
 */
export const MAX_BIND_PARAMETERS = 65_535;

/** Splits rows into batches so that `columns × rows` stays under the bind-parameter cap. */
export function batches<T>(rows: readonly T[], columns: number, cap = 1_000): T[][] {
  const size = Math.max(1, Math.min(cap, Math.floor(MAX_BIND_PARAMETERS / Math.max(1, columns))));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
