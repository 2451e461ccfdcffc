import { describe, expect, it } from 'vitest';
import { chooseRuns, overOutcome, pOverNoPush, type RunCandidate } from '../../../core/report';

const run = (
  o: Partial<RunCandidate> & Pick<RunCandidate, 'runId' | 'slateDate'>,
): RunCandidate => ({
  runKind: 'backfill',
  status: 'completed',
  modelHash: 'm',
  configHash: 'c',
  startedAt: '2024-01-01T00:00:00.000Z',
  finishedAt: '2024-01-01T00:01:00.000Z',
  ...o,
});

describe('chooseRuns', () => {
  it('keeps the newest completed run per slate date and counts the superseded ones', () => {
    const { runs, superseded } = chooseRuns([
      run({ runId: 'backfill-slate/nfl/2023-12-10', slateDate: '2023-12-10' }),
      run({
        runId: 'manual/nfl/2023-12-10',
        slateDate: '2023-12-10',
        runKind: 'manual',
        startedAt: '2024-01-02T00:00:00.000Z',
        finishedAt: '2024-01-02T00:01:00.000Z',
      }),
      // Newer but failed: partial rows, never used.
      run({
        runId: 'retry/nfl/2023-12-10',
        slateDate: '2023-12-10',
        status: 'failed',
        finishedAt: '2024-01-03T00:00:00.000Z',
      }),
      run({ runId: 'b', slateDate: '2023-12-07' }),
      run({ runId: 'a', slateDate: '2023-12-07' }), // same times: larger run ID wins
      run({ runId: 'running', slateDate: '2023-12-11', status: 'running', finishedAt: null }),
    ]);
    expect(runs.map((r) => r.runId)).toEqual(['b', 'manual/nfl/2023-12-10']);
    expect(superseded).toBe(2);
  });
});

describe('totals helpers', () => {
  const totals = [
    { line: 44.5, pOver: 0.55, pUnder: 0.45, pPush: 0 },
    { line: 44, pOver: 0.5, pUnder: 0.4, pPush: 0.1 },
  ];

  it('P(over | no push) at the exact line, null when the line was not simulated', () => {
    expect(pOverNoPush(totals, 44.5)).toBe(0.55);
    expect(pOverNoPush(totals, 44)).toBeCloseTo(0.5 / 0.9, 12);
    expect(pOverNoPush(totals, 45)).toBeNull();
    expect(pOverNoPush([{ line: 3, pOver: 0, pUnder: 0, pPush: 1 }], 3)).toBeNull();
  });

  it('over = 1, under = 0, push = null', () => {
    expect(overOutcome(45, 44.5)).toBe(1);
    expect(overOutcome(44, 44.5)).toBe(0);
    expect(overOutcome(44, 44)).toBeNull();
  });
});
