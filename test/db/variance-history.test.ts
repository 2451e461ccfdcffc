/**
 * The R7 L4 variance reference (`recentSimulatedSds`) on the real Postgres: every game counts
 * once, with its newest simulation, however many times earlier slates were run.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { gamesOnDate } from '../../db/repositories/games';
import { recentSimulatedSds } from '../../db/repositories/simulations';
import { startSlateRun } from '../../db/repositories/slates';
import { resetDb, testDb } from '../support/db';

const FIXTURE = path.join(__dirname, '../fixtures/slates/nfl-2023-week14.csv');
const DATE = '2023-12-10';
const db = testDb();
let games: string[];

async function run(runId: string, date: string, chain = 'production'): Promise<void> {
  await startSlateRun(db, {
    runId,
    sport: 'nfl',
    slateDate: date,
    runKind: 'manual',
    source: 'history',
    asOf: `${date}T12:00:00Z`,
    seed: 's',
    iterations: 1_000,
    flags: {},
    nodeVersion: process.version,
    sdkVersion: null,
    config: {},
    live: false,
    chain,
  });
}

/** One simulation row per game with the given SDs, written at `createdAt`. */
async function simulate(runId: string, ids: string[], totalSd: number, createdAt: string) {
  await db
    .insertInto('simulations')
    .values(
      ids.map((gameId) => ({
        run_id: runId,
        game_id: gameId,
        sport: 'nfl',
        iterations: 1_000,
        seed: 's',
        model_hash: 'h',
        summary: JSON.stringify({ full: { total: { sd: totalSd }, margin: { sd: totalSd / 2 } } }),
        created_at: createdAt,
      })),
    )
    .execute();
}

beforeAll(async () => {
  await resetDb(db);
  await importHistoryFile(db, 'nfl', FIXTURE);
  games = (await gamesOnDate(db, 'nfl', DATE)).map((g) => g.game_id).sort();
  expect(games.length).toBeGreaterThan(4);
});

afterAll(async () => {
  await db.destroy();
});

describe('recentSimulatedSds', () => {
  it('counts each game once, from its newest simulation, and never the slate date itself', async () => {
    await run('first', DATE);
    await simulate('first', games, 10, '2024-01-01T00:00:00Z');
    await run('rerun', DATE);
    await simulate('rerun', games, 14, '2024-02-01T00:00:00Z');
    // A run of the slate being priced is not history for it.
    await run('later', '2023-12-11');
    await simulate('later', games.slice(0, 1), 99, '2024-03-01T00:00:00Z');

    const sds = await recentSimulatedSds(db, 'nfl', '2023-12-11', 500, 'production');
    expect(sds).toHaveLength(games.length);
    expect(sds.every((r) => r.total_sd === 14 && r.margin_sd === 7)).toBe(true);

    const limited = await recentSimulatedSds(db, 'nfl', '2023-12-11', 3, 'production');
    expect(limited).toHaveLength(3);
    expect(await recentSimulatedSds(db, 'nfl', DATE, 500, 'production')).toEqual([]);
  });

  it('reads only its own calibration chain: a research run never moves production', async () => {
    await run('research', DATE, 'research:abc');
    await simulate('research', games, 50, '2024-04-01T00:00:00Z');
    const production = await recentSimulatedSds(db, 'nfl', '2023-12-11', 500, 'production');
    expect(production.every((r) => r.total_sd === 14)).toBe(true);
    const research = await recentSimulatedSds(db, 'nfl', '2023-12-11', 500, 'research:abc');
    expect(research.every((r) => r.total_sd === 50)).toBe(true);
  });
});
