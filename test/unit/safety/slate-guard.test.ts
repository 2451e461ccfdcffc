import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySlate, type ClassifySlateResult } from '../../../core/safety/classify-slate';
import { DEFAULT_SAFETY_CONFIG as CFG, type SafetyConfig } from '../../../core/safety/config';
import type { CalibrationState } from '../../../core/safety/layers/calibration-state';
import { planSlateGuard, type GuardItem } from '../../../core/safety/layers/slate-guard';
import { FULL_SKILL, slate } from './helpers/candidates';
import { BASELINES } from './helpers/fake-sim';
import { buildSlateGames, slateSeed, wideRclConfig, type SlateSeed } from './helpers/random-slates';

const item = (
  key: string,
  side: 'OVER' | 'UNDER',
  state: GuardItem['state'],
  edgePp: number,
  confidence = 50,
): GuardItem => ({ key, group: 'nfl|totals', side, state, edgePp, confidence });
const overs = (n: number, state: GuardItem['state'] = 'LEAN'): GuardItem[] =>
  Array.from({ length: n }, (_, i) => item(`o${i}`, 'OVER', state, 2 + i));
const unders = (n: number, state: GuardItem['state'] = 'LEAN'): GuardItem[] =>
  Array.from({ length: n }, (_, i) => item(`u${i}`, 'UNDER', state, 2 + i));

/** Published (state ≠ NO_PLAY) totals per group of a result: [over, under]. */
function publishedSplit(res: ClassifySlateResult): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const d of res.picks) {
    if (!d.publishDecision || (d.pricing?.side !== 'OVER' && d.pricing?.side !== 'UNDER')) continue;
    const k = `${d.sport}|${d.market}`;
    const c = out.get(k) ?? [0, 0];
    c[d.pricing.side === 'OVER' ? 0 : 1] += 1;
    out.set(k, c);
  }
  return out;
}

function assertBand(res: ClassifySlateResult, cfg: SafetyConfig): void {
  const max = cfg.slateGuard.maxSideShare;
  for (const [group, [o, u]] of publishedSplit(res)) {
    const n = o + u;
    const activated = res.slateGuard.groups.find((g) => g.group === group)?.activated ?? false;
    // The SPEC statement: no published slate of ≥ 6 totals has > 58% of its picks on one side.
    if (n >= cfg.slateGuard.minPublishedTotals) expect(activated).toBe(true);
    // The stronger one: once a group is guarded it ends inside the band, however small it got.
    if (activated) {
      expect(o / n).toBeLessThanOrEqual(max);
      expect(u / n).toBeLessThanOrEqual(max);
    }
  }
}

/** `n` NFL games whose offences are all inflated by 12%: the model sees Overs everywhere. */
function inflatedNflSlate(n: number) {
  const seed: SlateSeed = {
    sport: 'nfl',
    games: Array.from({ length: n }, (_, i) => ({
      lineZ: (i - Math.floor(n / 2)) / 5,
      marginZ: 0.1,
      homeInflation: 1.12,
      awayInflation: 1.12,
      noiseZ: 0,
      sdFactor: 1,
      paceFactor: 1,
      ratingGames: 12,
      overPrice: -110,
    })),
  };
  return buildSlateGames(seed, CFG);
}

describe('slate guard', () => {
  it('stays out of groups with fewer than 6 publishable totals', () => {
    expect(planSlateGuard(overs(5), CFG).actions).toEqual([]);
  });

  it('withholds a one-sided group entirely, even below 6 (no "five Overs" loophole)', () => {
    const plan = planSlateGuard(overs(6), CFG);
    expect(plan.actions.map((a) => a.action)).toEqual(Array(6).fill('WITHHOLD'));
  });

  it('withholds the weakest majority-side lines until the published share is in band', () => {
    const plan = planSlateGuard([...overs(5), ...unders(3)], CFG);
    expect(plan.actions).toMatchObject([{ key: 'o0', action: 'WITHHOLD' }]); // 4/7 = 57.1%
    expect(plan.groups[0]).toMatchObject({ activated: true, overAfter: 4, underAfter: 3 });
  });

  it('demotes the weakest majority PICKs to LEAN first (SPEC: share of picks)', () => {
    const items = [
      ...overs(3, 'PICK'),
      item('u9', 'UNDER', 'PICK', 4),
      item('o9', 'OVER', 'LEAN', 1.6),
      ...unders(2),
    ];
    const plan = planSlateGuard(items, CFG);
    expect(plan.actions.map((a) => [a.key, a.action])).toEqual([
      ['o0', 'DEMOTE_TO_LEAN'],
      ['o1', 'DEMOTE_TO_LEAN'],
    ]);
  });

  it('treats exactly 58% as inside the band (29 of 50)', () => {
    expect(planSlateGuard([...overs(29), ...unders(21)], CFG).actions).toEqual([]);
    expect(planSlateGuard([...overs(30), ...unders(20)], CFG).actions.length).toBeGreaterThan(0);
  });

  it('property: for any items, guarded groups end in band for both PICKs and published lines; order-independent', () => {
    const arb = fc.array(
      fc.record({
        side: fc.constantFrom('OVER' as const, 'UNDER' as const),
        state: fc.constantFrom('PICK' as const, 'LEAN' as const, 'NO_PLAY' as const),
        edgePp: fc.double({ min: 0, max: 10, noNaN: true }),
        confidence: fc.double({ min: 0, max: 100, noNaN: true }),
        group: fc.constantFrom('nfl|totals', 'nfl|totals_h1'),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, fc.integer(), (raw, shuffleSeed) => {
        const items: GuardItem[] = raw.map((r, i) => ({
          ...r,
          key: `k${String(i).padStart(3, '0')}`,
        }));
        const plan = planSlateGuard(items, CFG);
        const states = new Map(items.map((i) => [i.key, i.state]));
        for (const a of plan.actions)
          states.set(a.key, a.action === 'WITHHOLD' ? 'NO_PLAY' : 'LEAN');
        for (const g of plan.groups.filter((x) => x.activated)) {
          for (const pred of [(s: string) => s !== 'NO_PLAY', (s: string) => s === 'PICK']) {
            const sel = items.filter((i) => i.group === g.group && pred(states.get(i.key) ?? ''));
            const o = sel.filter((i) => i.side === 'OVER').length;
            if (sel.length > 0)
              expect(Math.max(o, sel.length - o) / sel.length).toBeLessThanOrEqual(0.58);
          }
        }
        // Only ever downward moves, never on a NO_PLAY.
        for (const a of plan.actions)
          expect(items.find((i) => i.key === a.key)?.state).not.toBe('NO_PLAY');
        const shuffled = [...items].sort(
          (x, y) =>
            ((x.key.charCodeAt(1) * 31 + shuffleSeed) % 7) -
              ((y.key.charCodeAt(1) * 31 + shuffleSeed) % 7) || (x.key < y.key ? 1 : -1),
        );
        expect(planSlateGuard(shuffled, CFG)).toEqual(plan);
      }),
      { numRuns: 300 },
    );
  });

  describe('THE property: no published slate of ≥ 6 totals is more than 58% one side, even with every offence inflated by 20%', () => {
    const stats = { runs: 0, activated: 0, withheld: 0, publishedAfter: 0 };
    const check = (cfg: SafetyConfig, calibration?: CalibrationState) => (seed: SlateSeed) => {
      const games = buildSlateGames(seed, cfg);
      const b = BASELINES[seed.sport];
      const res = classifySlate(
        slate(seed.sport, games, {
          calibration,
          variance: { totalSd: { mean: b.totalSd, sd: b.totalSd * 0.1, n: 100 } },
        }),
        cfg,
      );
      assertBand(res, cfg);
      stats.runs += 1;
      if (res.slateGuard.groups.some((g) => g.activated)) stats.activated += 1;
      stats.withheld += res.picks.filter((d) => d.reasons.includes('SLATE_GUARD_WITHHELD')).length;
      stats.publishedAfter += res.picks.filter(
        (d) => d.publishDecision && d.market === 'totals',
      ).length;
    };
    // RCL would block most +20% slates outright (≥ 3 league SDs high), which proves nothing about
    // the guard; widen it so the inflated projections reach the guard.
    const wideRcl = wideRclConfig(CFG);

    it('every offence × 1.2, default config', () => {
      fc.assert(fc.property(slateSeed({ inflation: 1.2 }), check(CFG)), { numRuns: 150 });
    });

    it('every offence × 1.2, RCL widened so every game reaches the guard', () => {
      fc.assert(fc.property(slateSeed({ inflation: 1.2 }), check(wideRcl)), { numRuns: 150 });
    });

    it('offence inflated by a random 0–20% per team, juiced prices, state machine on and off', () => {
      const off = { ...wideRcl, flags: { ...wideRcl.flags, ENABLE_PICK_STATE_MACHINE: false } };
      fc.assert(
        fc.property(slateSeed({ inflation: [1, 1.2], juice: true, noise: 0.6 }), check(wideRcl)),
        { numRuns: 150 },
      );
      fc.assert(
        fc.property(slateSeed({ inflation: [1, 1.2], juice: true, noise: 0.6 }), check(off)),
        { numRuns: 100 },
      );
    });

    it('with an active calibration state (offset and damp)', () => {
      const cal: CalibrationState = {
        offset: 1.5,
        dampFactor: 0.6,
        asOfDate: '2024-12-14',
        sourceRowId: 'r',
        triggers: ['BIAS_CLAMP'],
        skillWeights: FULL_SKILL,
      };
      fc.assert(
        fc.property(slateSeed({ inflation: [1.1, 1.2], sports: ['nfl'] }), check(wideRcl, cal)),
        { numRuns: 100 },
      );
    });

    it('the runs above exercised the guard (not vacuous)', () => {
      expect(stats.runs).toBeGreaterThanOrEqual(650);
      expect(stats.activated / stats.runs).toBeGreaterThan(0.5);
      expect(stats.withheld).toBeGreaterThan(0);
      expect(stats.publishedAfter).toBeGreaterThan(0); // balanced remainders do get published
    });
  });

  it('end to end: an all-Over slate of 8 inflated NFL games publishes no Over at all', () => {
    const res = classifySlate(slate('nfl', inflatedNflSlate(8)), CFG);
    const totals = res.picks.filter((d) => d.market === 'totals');
    expect(totals.every((d) => d.pricing?.side === 'OVER')).toBe(true);
    expect(
      totals.every((d) => d.state === 'NO_PLAY' && d.reasons.includes('SLATE_GUARD_WITHHELD')),
    ).toBe(true);
    expect(totals.every((d) => d.triggers.includes('SLATE_GUARD'))).toBe(true);
    expect(totals[0]?.layers.at(-1)).toMatchObject({ layer: 'L2_SLATE_GUARD', fired: true });
    expect(res.warnings.map((w) => w.code)).toContain('SLATE_GUARD_FIRED');
  });

  describe('stage 3: the trailing window keeps the season in band', () => {
    const window = (over: number, under: number) => new Map([['nfl|totals', { over, under }]]);
    const withheld = (items: GuardItem[], carried: Map<string, { over: number; under: number }>) =>
      planSlateGuard(items, CFG, carried)
        .actions.filter((a) => a.action === 'WITHHOLD')
        .map((a) => a.key)
        .sort();

    it('withholds the slate’s lines of the side the window has too many of, weakest first', () => {
      const items = [...overs(2), ...unders(1)];
      // 42 / 63 over: withhold o0 (41/62 = 66%), o1 (40/61 = 66%); the Under stays.
      expect(withheld(items, window(40, 20))).toEqual(['o0', 'o1']);
      expect(withheld(items, window(10, 30))).toEqual(['u0']);
      // 31 / 60 over: in band, nothing to do.
      expect(withheld([...overs(2)], window(29, 29))).toEqual([]);
      // 37/63 = 58.7% → o0 → 36/62 = 58.06% → o1 → 35/61 = 57.4%: o2 is published.
      expect(withheld([...overs(3)], window(34, 26))).toEqual(['o0', 'o1']);
    });

    it('lets the slate restore the balance, and waits for minPublishedTotals', () => {
      expect(withheld([...unders(3)], window(40, 20))).toEqual([]);
      expect(withheld([...overs(2)], window(2, 1))).toEqual([]); // 4 of 5 < 6 lines
      expect(withheld([...overs(3)], window(2, 1))).toEqual(['o0']); // 5/6 → 4/5 < 6
      expect(planSlateGuard(overs(2), CFG).groups[0]).toMatchObject({ windowActivated: false });
      expect(planSlateGuard(overs(2), CFG, window(1, 1)).groups[0]).toMatchObject({
        windowActivated: true,
        carriedOver: 1,
        carriedUnder: 1,
      });
    });

    it('property: carried + published end in band, or the slate publishes none of the side out of it; stages 1–2 still hold', () => {
      const arb = fc.array(
        fc.record({
          side: fc.constantFrom('OVER' as const, 'UNDER' as const),
          state: fc.constantFrom('PICK' as const, 'LEAN' as const, 'NO_PLAY' as const),
          edgePp: fc.double({ min: 0, max: 10, noNaN: true }),
        }),
        { maxLength: 30 },
      );
      const [lo, hi] = CFG.slateGuard.windowOverShare;
      fc.assert(
        fc.property(arb, fc.nat(200), fc.nat(200), (raw, co, cu) => {
          const items: GuardItem[] = raw.map((r, i) => ({
            ...r,
            key: `k${String(i).padStart(3, '0')}`,
            group: 'nfl|totals',
            confidence: 50,
          }));
          const plan = planSlateGuard(items, CFG, window(co, cu));
          const states = new Map(items.map((i) => [i.key, i.state]));
          for (const a of plan.actions)
            states.set(a.key, a.action === 'WITHHOLD' ? 'NO_PLAY' : 'LEAN');
          const pub = items.filter((i) => states.get(i.key) !== 'NO_PLAY');
          const o = co + pub.filter((i) => i.side === 'OVER').length;
          const n = co + cu + pub.length;
          if (n >= CFG.slateGuard.minPublishedTotals && n > 0) {
            if (o / n > hi) expect(pub.filter((i) => i.side === 'OVER')).toEqual([]);
            if (o / n < lo) expect(pub.filter((i) => i.side === 'UNDER')).toEqual([]);
          }
          if (plan.groups[0]?.activated && pub.length > 0) {
            const po = pub.filter((i) => i.side === 'OVER').length;
            expect(Math.max(po, pub.length - po) / pub.length).toBeLessThanOrEqual(0.58);
          }
          // Never publishes more than without the window.
          const bare = planSlateGuard(items, CFG);
          expect(plan.actions.length).toBeGreaterThanOrEqual(bare.actions.length);
        }),
        { numRuns: 300 },
      );
    });

    it('end to end: a three-Over slate after an Over-heavy season publishes no Over', () => {
      const games = inflatedNflSlate(3);
      const bare = classifySlate(slate('nfl', games), CFG);
      expect(publishedSplit(bare).get('nfl|totals')?.[0]).toBeGreaterThan(0);
      const res = classifySlate(
        slate('nfl', games, { publishedWindow: { over: 40, under: 20 } }),
        CFG,
      );
      const totals = res.picks.filter((d) => d.market === 'totals');
      expect(publishedSplit(res).get('nfl|totals')?.[0] ?? 0).toBe(0);
      expect(totals.filter((d) => d.reasons.includes('SLATE_GUARD_WITHHELD')).length).toBe(
        publishedSplit(bare).get('nfl|totals')?.[0],
      );
      // A balanced window leaves the slate alone.
      const calm = classifySlate(
        slate('nfl', games, { publishedWindow: { over: 2, under: 60 } }),
        CFG,
      );
      expect(publishedSplit(calm).get('nfl|totals')).toEqual(
        publishedSplit(bare).get('nfl|totals'),
      );
    });
  });
});
