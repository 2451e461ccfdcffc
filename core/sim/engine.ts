/**
 * In-process Monte Carlo runner: validation, chunking, merging and summarising (R4).
 *
 * Iterations are cut into fixed chunks of {@link CHUNK_SIZE}; chunk i is always seeded from
 * (run seed, game id, i) and adds integer counts into an accumulator. Because integer addition
 * is exact and order-free, any assignment of chunks to threads gives the same bits; the worker
 * pool (worker/sim-pool.ts) relies on exactly this.
 */
import type { SimSummary, SegmentSummary } from '../simulation-types';
import type { MarketKey, Sport } from '../sports';
import { isSport } from '../sports';
import type { Accumulator, AccumulatorLayout } from './histogram';
import {
  SUM_EVENTS,
  SUM_FGS,
  SUM_POINTS,
  SUM_TDS,
  addInto,
  newAccumulator,
  summarizeSegment,
} from './histogram';
import { mlbEngine } from './mlb';
import { nbaEngine } from './nba';
import { ncaabEngine } from './ncaab';
import { ncaafEngine } from './ncaaf';
import { nflEngine } from './nfl';
import { nhlEngine } from './nhl';
import { chunkRng } from './prng';
import type { PreparedModel, SimRequest, SportEngine } from './types';
import { SimInputError } from './types';

/** Iterations per chunk; fixed so results never depend on thread count. */
export const CHUNK_SIZE = 10_000;
export const MIN_ITERATIONS = 1_000;
export const MAX_ITERATIONS = 1_000_000;
/** Allowed {@link GameInputs.paceFactor} range. */
export const PACE_FACTOR_RANGE: readonly [number, number] = [0.7, 1.4];

export const ENGINES: Readonly<Record<Sport, SportEngine>> = {
  nfl: nflEngine,
  ncaaf: ncaafEngine,
  nba: nbaEngine,
  ncaab: ncaabEngine,
  mlb: mlbEngine,
  nhl: nhlEngine,
};

/** Football engines report TD/FG rates in the decomposition. */
const FOOTBALL: ReadonlySet<Sport> = new Set<Sport>(['nfl', 'ncaaf']);

function checkLines(field: string, lines: unknown, min: number): void {
  if (!Array.isArray(lines)) throw new SimInputError(field, 'must be an array of numbers');
  lines.forEach((x: unknown, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < min || Math.abs(x) > 10_000) {
      throw new SimInputError(`${field}[${i}]`, `invalid line ${String(x)}`);
    }
  });
}

/**
 * Team-total lines: absent, or `{ home, away }` with two arrays of finite lines ≥ 0 (scoring
 * units). A plain object is required so a typo'd side name cannot silently price nothing.
 */
function checkTeamTotalLines(value: unknown): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SimInputError(
      'teamTotalLines',
      'must be an object { home: number[], away: number[] }',
    );
  const extra = Object.keys(value).filter((k) => k !== 'home' && k !== 'away');
  if (extra.length > 0)
    throw new SimInputError(`teamTotalLines.${extra[0]}`, 'unknown side (valid: home, away)');
  const v = value as Record<'home' | 'away', unknown>;
  checkLines('teamTotalLines.home', v.home, 0);
  checkLines('teamTotalLines.away', v.away, 0);
}

/** Throws {@link SimInputError} for any bad field; does no simulation work. */
export function validateRequest(req: SimRequest): SportEngine {
  if (!isSport(req.sport)) throw new SimInputError('sport', `unknown sport ${String(req.sport)}`);
  const engine = ENGINES[req.sport];
  if (typeof req.gameId !== 'string' || req.gameId.length === 0)
    throw new SimInputError('gameId', 'must be non-empty');
  if (typeof req.seed !== 'string' || req.seed.length === 0)
    throw new SimInputError('seed', 'must be non-empty');
  const it = req.iterations;
  if (!Number.isInteger(it) || it < MIN_ITERATIONS || it > MAX_ITERATIONS) {
    throw new SimInputError(
      'iterations',
      `must be an integer in [${MIN_ITERATIONS}, ${MAX_ITERATIONS}], got ${String(it)}`,
    );
  }
  const inputs = req.inputs as SimRequest['inputs'] | undefined;
  if (inputs === undefined || inputs === null) throw new SimInputError('inputs', 'missing');
  const [lo, hi] = engine.sideBounds;
  for (const side of ['homeExpected', 'awayExpected'] as const) {
    const v = inputs[side];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new SimInputError(`inputs.${side}`, `not a finite number: ${String(v)}`);
    if (v < lo || v > hi) {
      throw new SimInputError(
        `inputs.${side}`,
        `${v} is implausible for ${req.sport} (allowed ${lo}–${hi})`,
      );
    }
  }
  if (inputs.paceFactor !== undefined) {
    const pf = inputs.paceFactor;
    if (
      typeof pf !== 'number' ||
      !Number.isFinite(pf) ||
      pf < PACE_FACTOR_RANGE[0] ||
      pf > PACE_FACTOR_RANGE[1]
    ) {
      throw new SimInputError(
        'inputs.paceFactor',
        `must be in [${PACE_FACTOR_RANGE.join(', ')}], got ${String(pf)}`,
      );
    }
  }
  checkLines('totalLines', req.totalLines, 0);
  checkLines('spreadLines', req.spreadLines, -Infinity);
  checkTeamTotalLines(req.teamTotalLines);
  const seen = new Set<string>();
  (req.derivatives ?? []).forEach((d, i) => {
    if (engine.segments[d.market] === undefined) {
      const ok = Object.keys(engine.segments).join(', ');
      throw new SimInputError(
        `derivatives[${i}].market`,
        `${String(d.market)} is not a ${req.sport} segment (have: ${ok})`,
      );
    }
    if (seen.has(d.market))
      throw new SimInputError(`derivatives[${i}].market`, `duplicate ${d.market}`);
    seen.add(d.market);
    checkLines(`derivatives[${i}].totalLines`, d.totalLines, 0);
    if (d.spreadLines !== undefined)
      checkLines(`derivatives[${i}].spreadLines`, d.spreadLines, -Infinity);
  });
  return engine;
}

/** Validates and builds the game's tables. Deterministic: same request → same model bits. */
export function prepareModel(req: SimRequest): PreparedModel {
  const engine = validateRequest(req);
  return engine.prepare(req.inputs, req.options ?? {});
}

export function chunkCount(iterations: number): number {
  return Math.ceil(iterations / CHUNK_SIZE);
}

/** Runs chunks [from, to) of the request into `acc` (a fresh accumulator if omitted). */
export function runChunks(
  model: PreparedModel,
  req: Pick<SimRequest, 'seed' | 'gameId' | 'iterations'>,
  from: number,
  to: number,
  acc: Accumulator = newAccumulator(model.layout),
): Accumulator {
  for (let ci = from; ci < to; ci++) {
    const n = Math.min(CHUNK_SIZE, req.iterations - ci * CHUNK_SIZE);
    if (n <= 0) break;
    model.runChunk(chunkRng(req.seed, req.gameId, ci), n, acc);
  }
  return acc;
}

/**
 * Turns merged counts into the JSON-safe summary (R4 output contract). `mcStandardError` is
 * sqrt(p(1−p)/n) at the first offered full-game total; with no total offered it is the
 * conservative bound sqrt(0.25/n). Team totals (`full.teamTotals`) come from each side's own
 * full-game histogram and appear only when the request offered team-total lines. Decomposition: pace = events per team per game (drives,
 * possessions, MLB scoring half-innings, regulation shots), efficiency = points per event; both
 * include overtime except NHL, whose OT/shootout goal is not a shot outcome.
 */
export function summarize(
  req: SimRequest,
  layout: AccumulatorLayout,
  acc: Accumulator,
): SimSummary {
  const engine = ENGINES[req.sport];
  const n = req.iterations;
  const seg = (name: string) => {
    const s = layout.segments.find((x) => x.name === name);
    if (!s) throw new Error(`segment ${name} missing from ${req.sport} layout`);
    return s;
  };
  const full = summarizeSegment(
    seg('full'),
    acc,
    n,
    req.totalLines,
    req.spreadLines,
    req.teamTotalLines,
  );
  const derivatives: Partial<Record<MarketKey, SegmentSummary>> = {};
  for (const d of req.derivatives ?? []) {
    const name = engine.segments[d.market] as string;
    derivatives[d.market] = summarizeSegment(seg(name), acc, n, d.totalLines, d.spreadLines ?? []);
  }
  const s = acc.sums;
  const events = s[SUM_EVENTS] ?? 0;
  const decomposition = FOOTBALL.has(req.sport)
    ? {
        pace: events / (2 * n),
        efficiency: (s[SUM_POINTS] ?? 0) / events,
        tdRate: (s[SUM_TDS] ?? 0) / events,
        fgRate: (s[SUM_FGS] ?? 0) / events,
      }
    : { pace: events / (2 * n), efficiency: (s[SUM_POINTS] ?? 0) / events };
  const first = full.totals[0];
  const p = first ? first.pOver : 0.5;
  return {
    gameId: req.gameId,
    sport: req.sport,
    iterations: n,
    seed: req.seed,
    full,
    derivatives,
    decomposition,
    mcStandardError: Math.sqrt((p * (1 - p)) / n),
  };
}

/**
 * Simulates one game on the calling thread.
 * @throws SimInputError before any work when the request is invalid
 */
export function simulateGame(req: SimRequest): SimSummary {
  const model = prepareModel(req);
  const acc = runChunks(model, req, 0, chunkCount(req.iterations));
  return summarize(req, model.layout, acc);
}

export { addInto, newAccumulator };
