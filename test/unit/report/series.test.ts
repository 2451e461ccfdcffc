import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../../core/calendar';
import { cumulativeUnits, oneSidedSlates, weekStart, weeklyOverShare } from '../../../core/report';

describe('weeks', () => {
  it('7-day windows are anchored on the report start', () => {
    expect(daysBetween('2023-12-07', '2023-12-11')).toBe(4);
    expect(weekStart('2023-12-07', '2023-12-07')).toBe('2023-12-07');
    expect(weekStart('2023-12-13', '2023-12-07')).toBe('2023-12-07');
    expect(weekStart('2023-12-14', '2023-12-07')).toBe('2023-12-14');
    expect(weekStart('2024-01-01', '2023-12-28')).toBe('2023-12-28');
  });

  it('over share per week, oldest first', () => {
    const weeks = weeklyOverShare(
      [
        { date: '2023-12-14', side: 'UNDER' },
        { date: '2023-12-07', side: 'OVER' },
        { date: '2023-12-10', side: 'UNDER' },
        { date: '2023-12-11', side: 'OVER' },
      ],
      '2023-12-07',
    );
    expect(weeks).toEqual([
      { weekStart: '2023-12-07', published: 3, over: 2, overShare: 2 / 3 },
      { weekStart: '2023-12-14', published: 1, over: 0, overShare: 0 },
    ]);
  });
});

describe('cumulativeUnits', () => {
  it('sums per date and accumulates in date order', () => {
    const pts = cumulativeUnits([
      { date: '2023-12-10', units: -1 },
      { date: '2023-12-07', units: 0.5 },
      { date: '2023-12-10', units: 2 },
    ]);
    expect(pts).toEqual([
      { date: '2023-12-07', graded: 1, units: 0.5, cumulative: 0.5 },
      { date: '2023-12-10', graded: 2, units: 1, cumulative: 1.5 },
    ]);
  });
});

describe('oneSidedSlates', () => {
  const slate = (date: string, over: number, under: number) => [
    ...Array.from({ length: over }, () => ({ date, side: 'OVER' })),
    ...Array.from({ length: under }, () => ({ date, side: 'UNDER' })),
  ];

  it('flags slates with ≥ 6 published totals and more than 58% on one side, either side', () => {
    const found = oneSidedSlates([
      ...slate('2023-12-01', 4, 2), // 66.7% over, 6 picks → flagged
      ...slate('2023-12-02', 5, 0), // all over but only 5 → the guard is not active
      ...slate('2023-12-03', 7, 5), // 58.3% → flagged (strictly above 58%)
      ...slate('2023-12-04', 4, 3), // 57.1% → fine
      ...slate('2023-12-05', 1, 6), // 85.7% under → flagged
    ]);
    expect(found.map((s) => s.date)).toEqual(['2023-12-01', '2023-12-03', '2023-12-05']);
    expect(found[0]).toEqual({
      date: '2023-12-01',
      published: 6,
      over: 4,
      under: 2,
      majorityShare: 4 / 6,
    });
  });
});
