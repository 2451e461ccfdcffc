/**
 * R8 pick state machine: exactly one of PICK | LEAN | NO_PLAY per (game, market, line).
 *
 * Transition table ({@link TRANSITIONS}), evaluated top to bottom, first match wins; the last
 * row matches everything, so the function is total over all inputs (NaN included):
 *
 * | id                          | when                                                        | → state  |
 * |-----------------------------|-------------------------------------------------------------|----------|
 * | T1_HARD_BLOCK               | any hard/no-play reason (R2, R2b, RCL_FAIL, L1, guard)      | NO_PLAY  |
 * | T2_NOT_PRICED               | edge or confidence missing or non-finite                    | NO_PLAY (INCOMPLETE_INPUT) |
 * | T3_STATE_MACHINE_DISABLED   | ENABLE_PICK_STATE_MACHINE = false                           | LEAN + STATE_MACHINE_DISABLED |
 * | T4_EDGE_TOO_SMALL           | edge < noPlayEdgePp (1.5 pp)                                | NO_PLAY (EDGE_TOO_SMALL) |
 * | T4_SKILL_NOT_ESTABLISHED    | skill weight not established at publishZ                    | NO_PLAY (SKILL_NOT_ESTABLISHED) |
 * | T5_SKILL_NOT_ESTABLISHED    | PICK's bars met but the skill weight not established at pickZ | LEAN + SKILL_NOT_ESTABLISHED |
 * | T5_PICK                     | edge ≥ pickEdgePp (3.0) ∧ confidence ≥ 54 ∧ no soft trigger | PICK     |
 * | T6_LEAN                     | otherwise                                                   | LEAN     |
 *
 * Flag off (R15): hard blocks still apply (they belong to R2/R6/L1, which have their own
 * switches), and every other priced line becomes LEAN with trigger STATE_MACHINE_DISABLED —
 * published, never PICK, never parlay-eligible. classifySlate returns a warning for the run.
 *
 * Types make illegal states unrepresentable: PICK carries `parlayEligible: true`, no reasons and
 * no soft triggers; LEAN carries `parlayEligible: false` and no reasons; NO_PLAY carries
 * `publishDecision: false` and a non-empty reason list.
 */
import type { SafetyConfig } from './config';
import type { EmptyList, NonEmptyArray, NoPlayReason, SoftTrigger } from './types';

export interface StateMachineInput {
  /** Hard block and no-play reasons gathered so far. */
  readonly reasons: readonly NoPlayReason[];
  /** Calibrated edge of the chosen side (pp); null when the line was not priced. */
  readonly edgePp: number | null;
  /** 0–100; null when not priced. */
  readonly confidence: number | null;
  readonly softTriggers: readonly SoftTrigger[];
  /**
   * The sport and market kind's skill weight is established at `skillWeight.publishZ` (its
   * one-sided lower bound is above 0, skill-weight.ts `skillEstablished`): any published pick
   * claims the model adds to the market and needs that evidence.
   */
  readonly skillPublishable: boolean;
  /** The same at `skillWeight.pickZ`: PICK is the stronger claim. */
  readonly skillEstablished: boolean;
}

export type TransitionId =
  | 'T1_HARD_BLOCK'
  | 'T2_NOT_PRICED'
  | 'T3_STATE_MACHINE_DISABLED'
  | 'T4_EDGE_TOO_SMALL'
  | 'T4_SKILL_NOT_ESTABLISHED'
  | 'T5_SKILL_NOT_ESTABLISHED'
  | 'T5_PICK'
  | 'T6_LEAN';

export interface PickVerdict {
  readonly state: 'PICK';
  readonly parlayEligible: true;
  readonly publishDecision: true;
  readonly reasons: EmptyList<NoPlayReason>;
  readonly triggers: EmptyList<SoftTrigger>;
  readonly transition: 'T5_PICK';
}
export interface LeanVerdict {
  readonly state: 'LEAN';
  readonly parlayEligible: false;
  readonly publishDecision: true;
  readonly reasons: EmptyList<NoPlayReason>;
  readonly triggers: readonly SoftTrigger[];
  readonly transition: 'T3_STATE_MACHINE_DISABLED' | 'T5_SKILL_NOT_ESTABLISHED' | 'T6_LEAN';
}
export interface NoPlayVerdict {
  readonly state: 'NO_PLAY';
  readonly parlayEligible: false;
  readonly publishDecision: false;
  readonly reasons: NonEmptyArray<NoPlayReason>;
  readonly triggers: readonly SoftTrigger[];
  readonly transition:
    'T1_HARD_BLOCK' | 'T2_NOT_PRICED' | 'T4_EDGE_TOO_SMALL' | 'T4_SKILL_NOT_ESTABLISHED';
}
export type StateVerdict = PickVerdict | LeanVerdict | NoPlayVerdict;

export type StateMachineConfig = Pick<SafetyConfig, 'stateMachine' | 'flags'>;

const finite = (x: number | null): x is number => x !== null && Number.isFinite(x);
const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

function noPlay(
  transition: NoPlayVerdict['transition'],
  first: NoPlayReason,
  rest: readonly NoPlayReason[],
  triggers: readonly SoftTrigger[],
): NoPlayVerdict {
  const reasons = uniq([first, ...rest]);
  return {
    state: 'NO_PLAY',
    parlayEligible: false,
    publishDecision: false,
    reasons: [reasons[0] ?? first, ...reasons.slice(1)],
    triggers: uniq(triggers),
    transition,
  };
}

function lean(
  transition: LeanVerdict['transition'],
  triggers: readonly SoftTrigger[],
): LeanVerdict {
  return {
    state: 'LEAN',
    parlayEligible: false,
    publishDecision: true,
    reasons: [],
    triggers: uniq(triggers),
    transition,
  };
}

/** Edge and confidence at PICK's bars and no soft trigger (T5 rows). */
function meetsPickBars(i: StateMachineInput, c: StateMachineConfig): boolean {
  return (
    (i.edgePp ?? Number.NaN) >= c.stateMachine.pickEdgePp &&
    (i.confidence ?? Number.NaN) >= c.stateMachine.pickMinConfidence &&
    i.softTriggers.length === 0
  );
}

export interface TransitionRow {
  readonly id: TransitionId;
  readonly when: string;
  readonly to: StateVerdict['state'];
  /** Returns the verdict when the row applies, else null. */
  readonly apply: (i: StateMachineInput, c: StateMachineConfig) => StateVerdict | null;
}

/** The documented transition table (see module doc); {@link classifyState} walks it. */
export const TRANSITIONS: readonly TransitionRow[] = [
  {
    id: 'T1_HARD_BLOCK',
    when: 'any hard block or no-play reason',
    to: 'NO_PLAY',
    apply: (i) => {
      const [first, ...rest] = i.reasons;
      return first === undefined ? null : noPlay('T1_HARD_BLOCK', first, rest, i.softTriggers);
    },
  },
  {
    id: 'T2_NOT_PRICED',
    when: 'edge or confidence missing or non-finite',
    to: 'NO_PLAY',
    apply: (i) =>
      finite(i.edgePp) && finite(i.confidence)
        ? null
        : noPlay('T2_NOT_PRICED', 'INCOMPLETE_INPUT', [], i.softTriggers),
  },
  {
    id: 'T3_STATE_MACHINE_DISABLED',
    when: 'ENABLE_PICK_STATE_MACHINE = false',
    to: 'LEAN',
    apply: (i, c) =>
      c.flags.ENABLE_PICK_STATE_MACHINE
        ? null
        : lean('T3_STATE_MACHINE_DISABLED', [...i.softTriggers, 'STATE_MACHINE_DISABLED']),
  },
  {
    id: 'T4_EDGE_TOO_SMALL',
    when: 'edge < stateMachine.noPlayEdgePp',
    to: 'NO_PLAY',
    apply: (i, c) =>
      (i.edgePp ?? Number.NaN) < c.stateMachine.noPlayEdgePp
        ? noPlay('T4_EDGE_TOO_SMALL', 'EDGE_TOO_SMALL', [], i.softTriggers)
        : null,
  },
  {
    id: 'T4_SKILL_NOT_ESTABLISHED',
    when: 'the skill weight is not established at skillWeight.publishZ',
    to: 'NO_PLAY',
    apply: (i) =>
      i.skillPublishable
        ? null
        : noPlay('T4_SKILL_NOT_ESTABLISHED', 'SKILL_NOT_ESTABLISHED', [], i.softTriggers),
  },
  {
    id: 'T5_SKILL_NOT_ESTABLISHED',
    when: "PICK's bars met but the skill weight is not established at skillWeight.pickZ",
    to: 'LEAN',
    apply: (i, c) =>
      meetsPickBars(i, c) && !i.skillEstablished
        ? lean('T5_SKILL_NOT_ESTABLISHED', ['SKILL_NOT_ESTABLISHED'])
        : null,
  },
  {
    id: 'T5_PICK',
    when: 'edge ≥ pickEdgePp ∧ confidence ≥ pickMinConfidence ∧ no soft trigger',
    to: 'PICK',
    apply: (i, c) =>
      meetsPickBars(i, c)
        ? {
            state: 'PICK',
            parlayEligible: true,
            publishDecision: true,
            reasons: [],
            triggers: [],
            transition: 'T5_PICK',
          }
        : null,
  },
  {
    id: 'T6_LEAN',
    when: 'otherwise',
    to: 'LEAN',
    apply: (i) => lean('T6_LEAN', i.softTriggers),
  },
];

/** Classifies one line (total: the last table row always applies). */
export function classifyState(input: StateMachineInput, config: StateMachineConfig): StateVerdict {
  for (const row of TRANSITIONS) {
    const v = row.apply(input, config);
    if (v !== null) return v;
  }
  // Unreachable: T6_LEAN matches every input. Kept so the return type needs no assertion.
  return lean('T6_LEAN', input.softTriggers);
}
