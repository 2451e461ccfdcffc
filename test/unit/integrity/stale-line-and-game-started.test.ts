/**
 * SPEC R2: when a line is stale (age at min(asOf, commenceTime)) and when a game has started.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTEGRITY_CONFIG,
  verifyGameLines,
  type MarketVerdict,
} from '../../../core/integrity';
import {
  NFL_GAME,
  NHL_GAME,
  expectOk,
  liveInput,
  minutesAfter,
  minutesBefore,
  only,
  total,
} from './helpers';

describe('STALE_LINE rule: age measured at min(asOf, commenceTime), stale iff older than 30 min', () => {
  const g = NFL_GAME;
  const at = (lastUpdate: string, asOf: string, live: boolean): MarketVerdict =>
    only(
      verifyGameLines(
        liveInput(g, [total(g, 'dk', 47.5, -110, -110, { lastUpdate })], ['totals'], {
          asOf,
          live,
        }),
      ),
      'totals',
    );

  it('exactly 30 minutes old is fresh; one millisecond more is stale', () => {
    const asOf = minutesBefore(g.commenceTime, 60);
    expectOk(at(minutesBefore(asOf, 30), asOf, true));
    const justOver = new Date(Date.parse(asOf) - 30 * 60_000 - 1).toISOString();
    expect(at(justOver, asOf, true).reasons).toEqual(['STALE_LINE']);
  });

  it('history run: a closing line stamped at kickoff is fresh at any asOf >= kickoff', () => {
    for (const hours of [0, 3, 24 * 30]) {
      expectOk(at(g.commenceTime, minutesAfter(g.commenceTime, hours * 60), false));
    }
  });

  it('history run before kickoff: a closing line stamped later than asOf is fresh', () => {
    expectOk(at(g.commenceTime, minutesBefore(g.commenceTime, 240), false));
  });

  it('history run: a line 31 minutes older than kickoff is stale even with asOf far later', () => {
    expect(
      at(minutesBefore(g.commenceTime, 31), minutesAfter(g.commenceTime, 600), false).reasons,
    ).toEqual(['STALE_LINE']);
  });

  it('live run after kickoff: the closing line is GAME_STARTED, not STALE_LINE', () => {
    expect(at(g.commenceTime, minutesAfter(g.commenceTime, 180), true).reasons).toEqual([
      'GAME_STARTED',
    ]);
  });

  it('one stale book among fresh ones is dropped with a note', () => {
    const quotes = [
      total(g, 'dk', 47.5),
      total(g, 'fd', 47.5),
      total(g, 'oldbook', 51.5, -110, -110, { lastUpdate: minutesBefore(g.commenceTime, 300) }),
    ];
    const t = only(verifyGameLines(liveInput(g, quotes, ['totals'])), 'totals');
    expectOk(t);
    expect(t.notes).toEqual(['STALE_BOOK_DROPPED:oldbook']);
    expect(t.books).toBe(2);
    expect(t.consensusPoint).toBe(47.5);
  });

  it('maxLineAgeMinutes is configurable per sport', () => {
    const lastUpdate = minutesBefore(g.commenceTime, 80); // 60 min before the live asOf
    const input = liveInput(g, [total(g, 'dk', 47.5, -110, -110, { lastUpdate })], ['totals']);
    expect(only(verifyGameLines(input), 'totals').reasons).toEqual(['STALE_LINE']);
    expectOk(
      only(
        verifyGameLines(input, {
          ...DEFAULT_INTEGRITY_CONFIG,
          perSport: { nfl: { maxLineAgeMinutes: 90 } },
        }),
        'totals',
      ),
    );
  });
});

describe('GAME_STARTED', () => {
  const g = NHL_GAME;
  const q = [total(g, 'dk', 6, -110, -110, { lastUpdate: g.commenceTime })];

  it('applies at asOf == commenceTime in live runs', () => {
    expect(
      only(verifyGameLines(liveInput(g, q, ['totals'], { asOf: g.commenceTime })), 'totals')
        .reasons,
    ).toEqual(['GAME_STARTED']);
  });

  it('never applies to history runs', () => {
    expectOk(
      only(
        verifyGameLines(
          liveInput(g, q, ['totals'], { asOf: minutesAfter(g.commenceTime, 120), live: false }),
        ),
        'totals',
      ),
    );
  });

  it('accumulates with other reasons (sorted, unique)', () => {
    const v = only(
      verifyGameLines(
        liveInput(g, [], ['totals', 'totals_p1'], { asOf: minutesAfter(g.commenceTime, 1) }),
      ),
      'totals_p1',
    );
    expect(v.reasons).toEqual(['GAME_STARTED', 'NO_MARKET']);
  });
});
