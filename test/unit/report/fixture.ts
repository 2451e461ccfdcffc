/**
 * A hand-made two-slate backtest for the assembly tests. Expected values are computed by hand
 * in assemble.test.ts. Slate 2023-12-10 was run three times: an old backfill (superseded), a
 * manual re-run (used) and a newer failed attempt (ignored); 2023-12-11 has a game but no run.
 */
import type {
  ReportAuditRow,
  ReportInput,
  ReportLineCheck,
  RunCandidate,
} from '../../../core/report';

export const WIN_AT_110 = 100 / 110;

const run = (
  o: Partial<RunCandidate> & Pick<RunCandidate, 'runId' | 'slateDate'>,
): RunCandidate => ({
  runKind: 'backfill',
  status: 'completed',
  modelHash: 'aaaaaaaaaaaaaaaa1111',
  configHash: 'cccccccccccccccc2222',
  startedAt: '2024-01-01T10:00:00.000Z',
  finishedAt: '2024-01-01T10:01:00.000Z',
  ...o,
});

const audit = (
  o: Partial<ReportAuditRow> & Pick<ReportAuditRow, 'runId' | 'gameId' | 'market' | 'state'>,
): ReportAuditRow => ({
  slateDate: o.runId === 'r1' ? '2023-12-07' : '2023-12-10',
  lineKey: '',
  side: null,
  reasons: [],
  modelProb: null,
  projectionRaw: null,
  result: null,
  units: null,
  ...o,
});

const check = (
  o: Partial<ReportLineCheck> & Pick<ReportLineCheck, 'runId' | 'gameId' | 'market'>,
): ReportLineCheck => ({
  lineKey: '',
  ok: true,
  consensusPoint: null,
  noVigA: null,
  ...o,
});

export function sampleInput(): ReportInput {
  return {
    sport: 'nfl',
    from: '2023-12-01',
    to: '2023-12-11',
    runs: [
      run({ runId: 'r1', slateDate: '2023-12-07' }),
      run({ runId: 'r-old', slateDate: '2023-12-10', modelHash: 'old-model' }),
      run({
        runId: 'r-new',
        slateDate: '2023-12-10',
        runKind: 'manual',
        startedAt: '2024-01-02T10:00:00.000Z',
        finishedAt: '2024-01-02T10:01:00.000Z',
      }),
      run({
        runId: 'r-fail',
        slateDate: '2023-12-10',
        status: 'failed',
        startedAt: '2024-01-03T10:00:00.000Z',
        finishedAt: '2024-01-03T10:00:05.000Z',
      }),
    ],
    games: [
      { gameId: 'g1', gameDate: '2023-12-07', season: 2023, homeScore: 24, awayScore: 20 }, // 44
      { gameId: 'g2', gameDate: '2023-12-10', homeScore: 21, awayScore: 17 }, // 38 = line: push
      { gameId: 'g3', gameDate: '2023-12-10', homeScore: 10, awayScore: 3 }, // blocked by R2
      { gameId: 'g4', gameDate: '2023-12-11', homeScore: 30, awayScore: 27 }, // no run
      { gameId: 'g5', gameDate: '2023-12-10', homeScore: null, awayScore: null }, // not final
      { gameId: 'g0', gameDate: '2023-11-30', homeScore: 1, awayScore: 1 }, // out of range
    ],
    lineChecks: [
      check({ runId: 'r1', gameId: 'g1', market: 'totals', consensusPoint: 42.5, noVigA: 0.5 }),
      check({ runId: 'r1', gameId: 'g1', market: 'spreads', consensusPoint: -3, noVigA: 0.5 }),
      check({ runId: 'r-new', gameId: 'g2', market: 'totals', consensusPoint: 38, noVigA: 0.52 }),
      check({ runId: 'r-new', gameId: 'g2', market: 'spreads', consensusPoint: 1, noVigA: 0.5 }),
      check({ runId: 'r-new', gameId: 'g3', market: 'totals', ok: false }),
      check({ runId: 'r-new', gameId: 'g3', market: 'spreads', ok: false }),
      check({ runId: 'r-new', gameId: 'g5', market: 'totals', consensusPoint: 45, noVigA: 0.48 }),
      check({ runId: 'r-new', gameId: 'g5', market: 'spreads', consensusPoint: -7, noVigA: 0.5 }),
      // Superseded run: R2 passed g3 there. Must not count.
      check({ runId: 'r-old', gameId: 'g3', market: 'totals', consensusPoint: 14, noVigA: 0.9 }),
    ],
    simulations: [
      { runId: 'r1', gameId: 'g1', totals: [{ line: 42.5, pOver: 0.6, pUnder: 0.4, pPush: 0 }] },
      {
        runId: 'r-new',
        gameId: 'g2',
        totals: [{ line: 38, pOver: 0.45, pUnder: 0.45, pPush: 0.1 }],
      },
      { runId: 'r-new', gameId: 'g5', totals: [{ line: 45, pOver: 0.5, pUnder: 0.5, pPush: 0 }] },
      { runId: 'r-old', gameId: 'g3', totals: [{ line: 14, pOver: 0.1, pUnder: 0.9, pPush: 0 }] },
    ],
    audit: [
      audit({
        runId: 'r1',
        gameId: 'g1',
        market: 'totals',
        state: 'PICK',
        side: 'OVER',
        modelProb: 0.58,
        projectionRaw: 45,
        projection: 44,
        line: 42.5,
        price: -110,
        marketProb: 0.5,
        modelProbRaw: 0.6,
        modelProbCorrected: 0.6,
        skillWeight: 0.8,
        confidence: 58,
        edgePp: 8,
        triggers: [],
        result: 'win',
        units: WIN_AT_110,
      }),
      audit({
        runId: 'r1',
        gameId: 'g1',
        market: 'spreads',
        state: 'LEAN',
        side: 'HOME',
        modelProb: 0.55,
        projectionRaw: 4,
        line: -3,
        price: -110,
        marketProb: 0.5,
        modelProbRaw: 0.57,
        modelProbCorrected: 0.57,
        skillWeight: 0.5,
        confidence: 55,
        edgePp: 5,
        triggers: ['DOUBLE_COUNTING_LIKELY'],
        result: 'loss',
        units: -1,
      }),
      audit({
        runId: 'r1',
        gameId: 'g1',
        market: 'totals_h1',
        state: 'NO_PLAY',
        reasons: ['NO_MARKET'],
      }),
      audit({
        runId: 'r-new',
        gameId: 'g2',
        market: 'totals',
        state: 'LEAN',
        side: 'UNDER',
        modelProb: 0.53,
        projectionRaw: 37,
        projection: 37.5,
        line: 38,
        price: -110,
        marketProb: 0.48,
        modelProbRaw: 0.56,
        modelProbCorrected: 0.56,
        skillWeight: 0.8,
        confidence: 53,
        edgePp: 5,
        triggers: [],
        result: 'push',
        units: 0,
      }),
      audit({
        runId: 'r-new',
        gameId: 'g2',
        market: 'spreads',
        state: 'NO_PLAY',
        side: 'AWAY',
        modelProb: 0.505,
        projectionRaw: 0.5,
        reasons: ['EDGE_TOO_SMALL'],
      }),
      audit({
        runId: 'r-new',
        gameId: 'g3',
        market: 'totals',
        state: 'NO_PLAY',
        reasons: ['MISSING_LINE'],
      }),
      audit({
        runId: 'r-new',
        gameId: 'g3',
        market: 'spreads',
        state: 'NO_PLAY',
        reasons: ['MISSING_LINE', 'STALE_LINE'],
      }),
      audit({
        runId: 'r-new',
        gameId: 'g5',
        market: 'totals',
        state: 'PICK',
        side: 'OVER',
        modelProb: 0.6,
        projectionRaw: 47,
      }),
      audit({
        runId: 'r-new',
        gameId: 'g5',
        market: 'spreads',
        state: 'NO_PLAY',
        side: 'HOME',
        modelProb: 0.51,
        projectionRaw: 7.2,
        reasons: ['EDGE_TOO_SMALL'],
      }),
      audit({
        runId: 'r-old',
        gameId: 'g3',
        market: 'totals',
        state: 'PICK',
        side: 'UNDER',
        modelProb: 0.9,
        projectionRaw: 5,
        result: 'win',
        units: WIN_AT_110,
      }),
    ],
    decompositions: [
      { runId: 'r1', gameId: 'g1', flags: ['DOUBLE_COUNTING_LIKELY'] },
      { runId: 'r-new', gameId: 'g2', flags: [] },
      { runId: 'r-new', gameId: 'g5', flags: ['PACE_OUTLIER'] },
      { runId: 'r-old', gameId: 'g3', flags: ['DOUBLE_COUNTING_LIKELY'] },
    ],
  };
}
