/**
 * The classify step of the slate run: verified markets + simulations + decomposition + RCL +
 * calibration state → exactly one {@link PickDecision} per (game, market, lineKey) of totals and
 * spreads. Pure and deterministic: output order is (gameId, market, lineKey), independent of
 * input order.
 *
 * Per line: build candidate (hard blocks from R2/R2b/R6/missing simulation) → L1…L5 → state
 * machine. Then, over the whole slate, the L2 slate guard, whose demotions go back through the
 * state machine. Finally the slate invariant is re-checked on the output; a violation throws
 * (a bug must fail the run, never publish a one-sided slate).
 *
 * h2h markets are not priced by this stack (SPEC: optional) and are skipped with one warning.
 * team_totals are priced like any other total (same layers, same slate guard, their own guard
 * group) from the side's own simulated score histogram; a team total the engine was not asked
 * about is UNPRICED_MARKET (never derived from the game total), and one whose lineKey names no
 * side is UNATTRIBUTED_TEAM_TOTAL (see build-candidate.ts).
 */
import { BLOCK_REASONS, type BlockReason } from '../types';
import { buildCandidate } from './build-candidate';
import { withTrace, type Candidate } from './layers/candidate';
import { validateCalibrationState } from './layers/calibration-state';
import { computeGates } from './layers/l5-publish-gates';
import { runSafetyLayers, type LayerContext } from './layers/run-layers';
import { skillEstablished } from './layers/skill-weight';
import {
  planSlateGuard,
  type GuardAction,
  type GuardItem,
  type SideCounts,
  type SlateGuardPlan,
} from './layers/slate-guard';
import { validateSafetyConfig, type SafetyConfig } from './config';
import type { DecisionCommon, PickDecision, Pricing } from './decision';
import { SafetyInvariantError, SlateInputError } from './errors';
import type { GameSafetyInput, SlateInputs, VerifiedMarket } from './slate-inputs';
import { runWarnings, type SafetyWarning } from './run-warnings';
import { assertSlateInvariant } from './slate-invariant';
import { classifyState, type StateVerdict } from './state-machine';
import type { DampeningTrigger, NoPlayReason, SoftTrigger } from './types';

export interface ClassifySlateResult {
  /** One per (game, market, lineKey) of totals/spreads, sorted by that key. */
  readonly picks: readonly PickDecision[];
  readonly warnings: readonly SafetyWarning[];
  /** Every dampening trigger that fired on any line, sorted (R9 stamp). */
  readonly triggers: readonly DampeningTrigger[];
  /** What the slate guard did, per group. */
  readonly slateGuard: SlateGuardPlan;
}

const keyOf = (gameId: string, market: string, lineKey: string): string =>
  `${gameId}\u0000${market}\u0000${lineKey}`;

function compareDecisions(a: DecisionCommon, b: DecisionCommon): number {
  const ka = keyOf(a.gameId, a.market, a.lineKey);
  const kb = keyOf(b.gameId, b.market, b.lineKey);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function validateInputs(inputs: SlateInputs): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  const games = new Set<string>();
  for (const g of inputs.games) {
    if (games.has(g.gameId)) problems.push(`game ${g.gameId} appears twice`);
    games.add(g.gameId);
    if (g.sport !== inputs.sport)
      problems.push(`game ${g.gameId} is ${g.sport}, slate is ${inputs.sport}`);
    if (g.sim !== null && (g.sim.gameId !== g.gameId || g.sim.sport !== g.sport))
      problems.push(`sim of ${g.gameId} is for ${g.sim.gameId}/${g.sim.sport}`);
    if (g.decomposition !== null && g.decomposition.gameId !== g.gameId)
      problems.push(`decomposition of ${g.gameId} is for ${g.decomposition.gameId}`);
    if (g.rcl !== null && g.rcl.gameId !== g.gameId)
      problems.push(`rcl of ${g.gameId} is for ${g.rcl.gameId}`);
    for (const m of g.markets) {
      if (m.gameId !== g.gameId)
        problems.push(`market ${m.market} listed under ${g.gameId} is for ${m.gameId}`);
      const k = keyOf(g.gameId, m.market, m.lineKey);
      if (seen.has(k)) problems.push(`duplicate market ${g.gameId} ${m.market} '${m.lineKey}'`);
      seen.add(k);
    }
  }
  if (problems.length > 0) throw new SlateInputError(problems);
}

function pricingOf(c: Candidate): Pricing | null {
  const g = c.gates;
  if (g === null) return null;
  // `+ 0` turns −0 into 0 so decisions survive a JSON round trip unchanged.
  return {
    ...g,
    edgePp: g.edgePp + 0,
    ev: g.ev + 0,
    sideLine: (g.side === 'AWAY' ? -c.line : c.line) + 0,
    projectionRaw: c.projectionRaw + 0,
    projectionCalibrated: c.projection + 0,
  };
}

/** Joins a verdict with the common fields; each branch keeps the union's invariants. */
function decide(
  common: DecisionCommon,
  verdict: StateVerdict,
  pricing: Pricing | null,
): PickDecision {
  switch (verdict.state) {
    case 'NO_PLAY':
      return { ...common, ...verdict, pricing };
    case 'PICK':
    case 'LEAN':
      if (pricing === null) {
        // The state machine returns PICK/LEAN only for a finite edge, which only L5 produces.
        throw new SafetyInvariantError([
          `${common.gameId} ${common.market}: ${verdict.state} without pricing`,
        ]);
      }
      return { ...common, ...verdict, pricing };
  }
}

function commonOf(
  game: GameSafetyInput,
  m: VerifiedMarket,
  c: Candidate | null,
  notes: readonly string[],
): DecisionCommon {
  return {
    gameId: game.gameId,
    sport: game.sport,
    market: m.market,
    lineKey: m.lineKey,
    line: m.consensusPoint === null ? null : m.consensusPoint + 0,
    adjustments: c?.adjustments ?? [],
    notes: c?.notes ?? notes,
    layers: c?.layers ?? [],
  };
}

function verdictOf(
  c: Candidate,
  extraReasons: readonly NoPlayReason[],
  config: SafetyConfig,
): StateVerdict {
  return classifyState(
    {
      reasons: [...c.hardReasons, ...extraReasons],
      edgePp: c.gates?.edgePp ?? null,
      confidence: c.gates?.confidence ?? null,
      softTriggers: c.softTriggers,
      skillPublishable: skillEstablished(c.skillWeight, config.skillWeight.publishZ),
      skillEstablished: skillEstablished(c.skillWeight, config.skillWeight.pickZ),
    },
    config,
  );
}

interface Priced {
  readonly game: GameSafetyInput;
  readonly market: VerifiedMarket;
  candidate: Candidate;
  verdict: StateVerdict;
  extraReasons: NoPlayReason[];
}

/** Applies one slate guard action: add the trigger, recompute the gates, re-run the state machine. */
function applyGuardAction(p: Priced, action: GuardAction | undefined, config: SafetyConfig): void {
  const before = p.verdict.state;
  let c = p.candidate;
  if (action !== undefined) {
    const softTriggers: readonly SoftTrigger[] = c.softTriggers.includes('SLATE_GUARD')
      ? c.softTriggers
      : [...c.softTriggers, 'SLATE_GUARD'];
    c = { ...c, softTriggers };
    c = { ...c, gates: computeGates(c, config) };
    if (action.action === 'WITHHOLD') p.extraReasons = [...p.extraReasons, 'SLATE_GUARD_WITHHELD'];
  }
  c = withTrace(c, {
    layer: 'L2_SLATE_GUARD',
    input: { state: before },
    output: { action: action?.action ?? null },
    fired: action !== undefined,
    detail: action?.detail ?? 'side share within band',
  });
  p.candidate = c;
  p.verdict = verdictOf(c, p.extraReasons, config);
}

/**
 * Classifies one sport's slate (R7 + R8).
 * @throws SafetyConfigError, CalibrationStateError (corrupt or look-ahead state),
 *   SlateInputError (duplicates, mixed sports, mismatched ids), SafetyInvariantError (bug guard).
 */
export function classifySlate(inputs: SlateInputs, config: SafetyConfig): ClassifySlateResult {
  validateSafetyConfig(config);
  validateCalibrationState(inputs.calibration, config, inputs.slateDate);
  validateInputs(inputs);

  const warnings: SafetyWarning[] = runWarnings(inputs, config);

  const ctx: LayerContext = { config, calibration: inputs.calibration, variance: inputs.variance };
  const blocked: PickDecision[] = [];
  const priced: Priced[] = [];
  let h2hSkipped = 0;

  for (const game of inputs.games) {
    if (game.markets.length === 0) {
      // A game with no usable market (e.g. quarantined payload) still gets its audit row.
      const reasons = game.gameReasons ?? [];
      const [first, ...rest] = reasons;
      const m: VerifiedMarket = {
        gameId: game.gameId,
        market: 'totals',
        lineKey: '',
        // Only verdict reasons belong on a market; the game's own reasons reach the decision
        // through gameReasons.
        reasons: reasons.filter((r): r is BlockReason =>
          (BLOCK_REASONS as readonly string[]).includes(r),
        ),
        notes: [],
        consensusPoint: null,
        priceA: null,
        priceB: null,
        noVigA: null,
        noVigB: null,
      };
      blocked.push(
        decide(
          commonOf(game, m, null, ['NO_MARKETS_VERIFIED']),
          classifyState(
            {
              reasons: [first ?? 'MISSING_LINE', ...rest],
              edgePp: null,
              confidence: null,
              softTriggers: [],
              skillPublishable: false,
              skillEstablished: false,
            },
            config,
          ),
          null,
        ),
      );
      continue;
    }
    const mainTotal =
      game.markets.find((m) => m.market === 'totals' && m.reasons.length === 0)?.consensusPoint ??
      null;
    for (const m of game.markets) {
      if (m.market === 'h2h') {
        h2hSkipped += 1;
        continue;
      }
      const built = buildCandidate(m, { game, mainTotal, config });
      if (!built.ok) {
        const verdict = classifyState(
          {
            reasons: built.reasons,
            edgePp: null,
            confidence: null,
            softTriggers: [],
            skillPublishable: false,
            skillEstablished: false,
          },
          config,
        );
        blocked.push(decide(commonOf(game, m, null, built.notes), verdict, null));
        continue;
      }
      const c = runSafetyLayers(built.candidate, ctx);
      priced.push({
        game,
        market: m,
        candidate: c,
        verdict: verdictOf(c, [], config),
        extraReasons: [],
      });
    }
  }
  if (h2hSkipped > 0)
    warnings.push({
      code: 'H2H_NOT_PRICED',
      message: `${h2hSkipped} h2h market(s) skipped: moneylines are not priced by the safety stack`,
    });

  // L2 slate guard over priced totals lines.
  const items: GuardItem[] = [];
  const byKey = new Map<string, Priced>();
  for (const p of priced) {
    const g = p.candidate.gates;
    if (p.candidate.kind !== 'total' || g === null || (g.side !== 'OVER' && g.side !== 'UNDER'))
      continue;
    const key = keyOf(p.game.gameId, p.market.market, p.market.lineKey);
    byKey.set(key, p);
    items.push({
      key,
      group: `${p.game.sport}|${p.market.market}`,
      side: g.side,
      state: p.verdict.state,
      edgePp: g.edgePp,
      confidence: g.confidence,
    });
  }
  const carried = new Map<string, SideCounts>();
  if (inputs.publishedWindow !== undefined)
    carried.set(`${inputs.sport}|totals`, inputs.publishedWindow);
  const plan = planSlateGuard(items, config, carried);
  // `activated`: the slate-level invariant applies; `traced`: the guard looked at the group.
  const activated = new Set(plan.groups.filter((g) => g.activated).map((g) => g.group));
  const traced = new Set(
    plan.groups.filter((g) => g.activated || g.windowActivated).map((g) => g.group),
  );
  const actionByKey = new Map<string, GuardAction[]>();
  for (const a of plan.actions) actionByKey.set(a.key, [...(actionByKey.get(a.key) ?? []), a]);
  for (const it of items) {
    if (!traced.has(it.group)) continue;
    const p = byKey.get(it.key);
    if (p === undefined) continue;
    const acts = actionByKey.get(it.key) ?? [];
    if (acts.length === 0) applyGuardAction(p, undefined, config);
    for (const a of acts) applyGuardAction(p, a, config);
  }
  if (plan.actions.length > 0)
    warnings.push({
      code: 'SLATE_GUARD_FIRED',
      message: `slate guard demoted ${plan.actions.filter((a) => a.action === 'DEMOTE_TO_LEAN').length} and withheld ${plan.actions.filter((a) => a.action === 'WITHHOLD').length} totals line(s)`,
    });

  const picks = [
    ...blocked,
    ...priced.map((p) =>
      decide(
        commonOf(p.game, p.market, p.candidate, p.candidate.notes),
        p.verdict,
        pricingOf(p.candidate),
      ),
    ),
  ].sort(compareDecisions);

  assertSlateInvariant(picks, activated, config);

  const triggers = new Set<DampeningTrigger>();
  for (const d of picks) {
    for (const t of d.triggers) triggers.add(t);
    for (const a of d.adjustments) triggers.add(a);
  }
  return { picks, warnings, triggers: [...triggers].sort(), slateGuard: plan };
}
