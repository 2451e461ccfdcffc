import { describe, expect, it } from 'vitest';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import {
  TRANSITIONS,
  classifyState,
  type StateMachineConfig,
  type StateMachineInput,
  type StateVerdict,
  type TransitionId,
} from '../../../core/safety/state-machine';
import { SOFT_TRIGGERS, type NoPlayReason, type SoftTrigger } from '../../../core/safety/types';

const ON: StateMachineConfig = CFG;
const OFF: StateMachineConfig = {
  ...CFG,
  flags: { ...CFG.flags, ENABLE_PICK_STATE_MACHINE: false },
};

const EDGES: [string, number | null][] = [
  ['unpriced', null],
  ['NaN', Number.NaN],
  ['negative', -2],
  ['just below 1.5', 1.4999],
  ['1.5', 1.5],
  ['2.9', 2.9],
  ['3.0', 3.0],
  ['8', 8],
  ['+Inf', Number.POSITIVE_INFINITY],
];
const CONFIDENCES: [string, number | null][] = [
  ['unpriced', null],
  ['NaN', Number.NaN],
  ['0', 0],
  ['53.99', 53.99],
  ['54', 54],
  ['100', 100],
];
const REASONS: readonly (readonly NoPlayReason[])[] = [
  [],
  ['STALE_LINE'],
  ['RCL_FAIL', 'NO_MARKET'],
  ['SLATE_GUARD_WITHHELD'],
];
const TRIGGERS: readonly (readonly SoftTrigger[])[] = [
  [],
  ...SOFT_TRIGGERS.map((t) => [t]),
  ['MARKET_DEVIATION', 'HIGH_VARIANCE'],
];

/** The SPEC R8 rules written independently of the table, as the oracle. */
function expected(
  i: StateMachineInput,
  cfg: StateMachineConfig,
): { state: StateVerdict['state']; transition: TransitionId } {
  if (i.reasons.length > 0) return { state: 'NO_PLAY', transition: 'T1_HARD_BLOCK' };
  if (
    i.edgePp === null ||
    !Number.isFinite(i.edgePp) ||
    i.confidence === null ||
    !Number.isFinite(i.confidence)
  )
    return { state: 'NO_PLAY', transition: 'T2_NOT_PRICED' };
  if (!cfg.flags.ENABLE_PICK_STATE_MACHINE)
    return { state: 'LEAN', transition: 'T3_STATE_MACHINE_DISABLED' };
  if (i.edgePp < 1.5) return { state: 'NO_PLAY', transition: 'T4_EDGE_TOO_SMALL' };
  if (!i.skillPublishable) return { state: 'NO_PLAY', transition: 'T4_SKILL_NOT_ESTABLISHED' };
  if (i.edgePp >= 3 && i.confidence >= 54 && i.softTriggers.length === 0)
    return i.skillEstablished
      ? { state: 'PICK', transition: 'T5_PICK' }
      : { state: 'LEAN', transition: 'T5_SKILL_NOT_ESTABLISHED' };
  return { state: 'LEAN', transition: 'T6_LEAN' };
}

const grid: { name: string; input: StateMachineInput; cfg: StateMachineConfig }[] = [];
for (const [flagName, cfg] of [
  ['on', ON],
  ['off', OFF],
] as const)
  for (const reasons of REASONS)
    for (const [en, edgePp] of EDGES)
      for (const [cn, confidence] of CONFIDENCES)
        for (const softTriggers of TRIGGERS)
          for (const [skillPublishable, skillEstablished] of [
            [true, true],
            [true, false],
            [false, false],
            [false, true],
          ] as const)
            grid.push({
              name: `flag ${flagName}, reasons [${reasons.join(',')}], edge ${en}, confidence ${cn}, triggers [${softTriggers.join(',')}], skill publishable ${skillPublishable}, established ${skillEstablished}`,
              input: {
                reasons,
                edgePp,
                confidence,
                softTriggers,
                skillPublishable,
                skillEstablished,
              },
              cfg,
            });

describe('state machine', () => {
  it(`table-driven: all ${grid.length} input combinations follow the SPEC rules`, () => {
    const reached = new Set<TransitionId>();
    for (const { name, input, cfg } of grid) {
      const v = classifyState(input, cfg);
      const want = expected(input, cfg);
      expect({ name, state: v.state, transition: v.transition }).toEqual({ name, ...want });
      reached.add(v.transition);
      // Invariants of the union, checked at run time as well as by the types.
      expect(v.parlayEligible).toBe(v.state === 'PICK');
      expect(v.publishDecision).toBe(v.state !== 'NO_PLAY');
      if (v.state === 'NO_PLAY') expect(v.reasons.length).toBeGreaterThan(0);
      else expect(v.reasons).toEqual([]);
      if (v.state === 'PICK') expect(v.triggers).toEqual([]);
      if (!cfg.flags.ENABLE_PICK_STATE_MACHINE) expect(v.state).not.toBe('PICK');
    }
    expect([...reached].sort()).toEqual(TRANSITIONS.map((t) => t.id).sort());
  });

  it.each([
    [
      'hard block',
      {
        reasons: ['MISSING_LINE'],
        edgePp: 9,
        confidence: 90,
        softTriggers: [],
        skillPublishable: true,
        skillEstablished: true,
      },
      'NO_PLAY',
      ['MISSING_LINE'],
    ],
    [
      'edge below 1.5 pp',
      {
        reasons: [],
        edgePp: 1.49,
        confidence: 90,
        softTriggers: [],
        skillPublishable: true,
        skillEstablished: true,
      },
      'NO_PLAY',
      ['EDGE_TOO_SMALL'],
    ],
    [
      'PICK at the exact bars',
      {
        reasons: [],
        edgePp: 3,
        confidence: 54,
        softTriggers: [],
        skillPublishable: true,
        skillEstablished: true,
      },
      'PICK',
      [],
    ],
    [
      'confidence one hair short',
      {
        reasons: [],
        edgePp: 5,
        confidence: 53.999,
        softTriggers: [],
        skillPublishable: true,
        skillEstablished: true,
      },
      'LEAN',
      [],
    ],
    [
      'soft trigger',
      {
        reasons: [],
        edgePp: 5,
        confidence: 90,
        softTriggers: ['LOW_SAMPLE'],
        skillPublishable: true,
        skillEstablished: true,
      },
      'LEAN',
      [],
    ],
    [
      'edge between the bars',
      {
        reasons: [],
        edgePp: 2,
        confidence: 90,
        softTriggers: [],
        skillPublishable: true,
        skillEstablished: true,
      },
      'LEAN',
      [],
    ],
  ] as const)('%s', (_name, input, state, reasons) => {
    const v = classifyState(input, ON);
    expect(v.state).toBe(state);
    expect(v.reasons).toEqual(reasons);
  });

  it('PICK needs skill established at pickZ: publishable but not at that bar, the line is LEAN with SKILL_NOT_ESTABLISHED', () => {
    const line = { reasons: [], edgePp: 9, confidence: 95, softTriggers: [] };
    expect(
      classifyState({ ...line, skillPublishable: true, skillEstablished: true }, ON).state,
    ).toBe('PICK');
    expect(
      classifyState({ ...line, skillPublishable: true, skillEstablished: false }, ON),
    ).toMatchObject({
      state: 'LEAN',
      triggers: ['SKILL_NOT_ESTABLISHED'],
      parlayEligible: false,
      publishDecision: true,
      transition: 'T5_SKILL_NOT_ESTABLISHED',
    });
    // A LEAN for its own reasons says nothing about the skill.
    expect(
      classifyState({ ...line, edgePp: 2, skillPublishable: true, skillEstablished: false }, ON)
        .triggers,
    ).toEqual([]);
  });

  it('publishing needs established skill: below publishZ a LEAN or PICK edge is NO_PLAY SKILL_NOT_ESTABLISHED', () => {
    for (const edgePp of [1.5, 2, 9])
      expect(
        classifyState(
          {
            reasons: [],
            edgePp,
            confidence: 95,
            softTriggers: [],
            skillPublishable: false,
            skillEstablished: false,
          },
          ON,
        ),
      ).toMatchObject({
        state: 'NO_PLAY',
        reasons: ['SKILL_NOT_ESTABLISHED'],
        publishDecision: false,
        transition: 'T4_SKILL_NOT_ESTABLISHED',
      });
    // A small edge says EDGE_TOO_SMALL first: the skill is not what kept it back.
    expect(
      classifyState(
        {
          reasons: [],
          edgePp: 1,
          confidence: 95,
          softTriggers: [],
          skillPublishable: false,
          skillEstablished: false,
        },
        ON,
      ).reasons,
    ).toEqual(['EDGE_TOO_SMALL']);
  });

  it('flag off: priced lines are LEAN with STATE_MACHINE_DISABLED, hard blocks stay NO_PLAY', () => {
    const v = classifyState(
      {
        reasons: [],
        edgePp: 9,
        confidence: 95,
        softTriggers: [],
        skillPublishable: true,
        skillEstablished: true,
      },
      OFF,
    );
    expect(v).toMatchObject({
      state: 'LEAN',
      triggers: ['STATE_MACHINE_DISABLED'],
      parlayEligible: false,
      publishDecision: true,
    });
    expect(
      classifyState(
        {
          reasons: ['RCL_FAIL'],
          edgePp: 9,
          confidence: 95,
          softTriggers: [],
          skillPublishable: true,
          skillEstablished: true,
        },
        OFF,
      ).state,
    ).toBe('NO_PLAY');
  });

  it('thresholds come from config', () => {
    const strict = {
      ...CFG,
      stateMachine: { noPlayEdgePp: 2, pickEdgePp: 4, pickMinConfidence: 70 },
    };
    expect(
      classifyState(
        {
          reasons: [],
          edgePp: 1.8,
          confidence: 90,
          softTriggers: [],
          skillPublishable: true,
          skillEstablished: true,
        },
        strict,
      ).state,
    ).toBe('NO_PLAY');
    expect(
      classifyState(
        {
          reasons: [],
          edgePp: 3.5,
          confidence: 90,
          softTriggers: [],
          skillPublishable: true,
          skillEstablished: true,
        },
        strict,
      ).state,
    ).toBe('LEAN');
  });

  it('illegal states do not type-check', () => {
    const ok: StateVerdict = {
      state: 'PICK',
      parlayEligible: true,
      publishDecision: true,
      reasons: [],
      triggers: [],
      transition: 'T5_PICK',
    };
    // @ts-expect-error a PICK is always parlay-eligible
    const a: StateVerdict = { ...ok, parlayEligible: false };
    // @ts-expect-error a NO_PLAY always has at least one reason
    const b: StateVerdict = {
      state: 'NO_PLAY',
      parlayEligible: false,
      publishDecision: false,
      reasons: [],
      triggers: [],
      transition: 'T1_HARD_BLOCK',
    };
    // @ts-expect-error a LEAN is never parlay-eligible
    const c: StateVerdict = {
      state: 'LEAN',
      parlayEligible: true,
      publishDecision: true,
      reasons: [],
      triggers: [],
      transition: 'T6_LEAN',
    };
    // @ts-expect-error a PICK carries no soft trigger
    const d: StateVerdict = { ...ok, triggers: ['HIGH_VARIANCE'] };
    expect([ok, a, b, c, d]).toHaveLength(5);
  });
});
