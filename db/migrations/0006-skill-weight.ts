/**
 * Earned confidence (issue #20): the daily calibration stores the skill weight of each market
 * kind — the weight applied, the graded lines behind it, the unshrunk estimate and whether it is
 * the prior — so every slate that reads the row, and every audit of it, sees the same number.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('calibration_daily')
    .addColumn('skill_weight_total', 'float8')
    .addColumn('skill_weight_spread', 'float8')
    .addColumn('skill', 'jsonb')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('calibration_daily')
    .dropColumn('skill')
    .dropColumn('skill_weight_spread')
    .dropColumn('skill_weight_total')
    .execute();
}
