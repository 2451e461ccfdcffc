/**
 * R7 L2 slate guard — "All Overs must be impossible by construction".
 *
 * What counts. The guard works per group = (sport, totals market key): full-game `totals`,
 * `totals_h1`, `alternate_totals`… each form their own group (a 1H Over and a full-game Over
 * are not two independent opinions to balance against each other). Every line counts once.
 * "Publishable" = state ≠ NO_PLAY (PICK or LEAN) after the per-line state machine.
 *
 * When. The guard is *activated* for a group when it has ≥ `minPublishedTotals` (6) publishable
 * lines before the guard. Once activated it runs to completion even if withholding takes the
 * group below 6 — otherwise a slate of six Overs would lose one and publish five Overs.
 *
 * Two stages, repeated until neither applies (each step changes one line's state downward, so
 * the loop ends after at most 2 × lines steps):
 *   1. SPEC letter — share of *picks*: among PICK-state lines, if one side's share > 58%, its
 *      weakest PICK is demoted to LEAN (trigger SLATE_GUARD).
 *   2. Published invariant — because LEAN is still published, stage 1 alone cannot bound what
 *      the public sees. Among published lines (PICK + LEAN), if one side's share > 58%, its
 *      weakest published line is withheld: NO_PLAY with reason SLATE_GUARD_WITHHELD (trigger
 *      SLATE_GUARD).
 * Weakest = smallest calibrated edge (pp), then lower confidence, then key (deterministic,
 * independent of input order).
 *
 * Invariant (property-tested): for every activated group, the final PICK set and the final
 * published set each have no side above `maxSideShare` (or are empty); hence no published group
 * of ≥ 6 totals is more than 58% one side, whatever the model's bias.
 *
 * 3. Trailing window (issue #20) — a slate of three totals is never activated, yet a season of
 *    such slates can be 70% Overs (NCAAB 2016–19). A group may carry the published over/under
 *    counts of the slates of the last `windowDays` before this one; once carried + published
 *    number ≥ `minPublishedTotals`, the over share of carried + published must lie in
 *    `windowOverShare` (default [0.45, 0.58]): while it does not, the slate's weakest published
 *    line of the side out of band is withheld (SLATE_GUARD_WITHHELD). It only ever withholds
 *    the side that is over-represented, so the slate can always restore the balance by
 *    publishing the other side, and it never publishes anything the stages above withheld.
 */
import type { SafetyConfig } from '../config';
import type { PickState } from '../types';

export interface GuardItem {
  /** Unique per line. */
  readonly key: string;
  /** Balance group, e.g. `nfl|totals`. */
  readonly group: string;
  readonly side: 'OVER' | 'UNDER';
  readonly state: PickState;
  /** Calibrated edge (pp). */
  readonly edgePp: number;
  /** 0–100. */
  readonly confidence: number;
}

export interface GuardAction {
  readonly key: string;
  readonly group: string;
  readonly action: 'DEMOTE_TO_LEAN' | 'WITHHOLD';
  readonly detail: string;
}

export interface GuardGroupSummary {
  readonly group: string;
  /** Stages 1–2 ran (≥ minPublishedTotals publishable lines in the slate). */
  readonly activated: boolean;
  /** Stage 3 ran: the group carried trailing-window counts. */
  readonly windowActivated: boolean;
  /** Carried published counts of the trailing window (0/0 when none). */
  readonly carriedOver: number;
  readonly carriedUnder: number;
  readonly publishableBefore: number;
  readonly overBefore: number;
  readonly underBefore: number;
  readonly overAfter: number;
  readonly underAfter: number;
}

export interface SlateGuardPlan {
  readonly actions: readonly GuardAction[];
  readonly groups: readonly GuardGroupSummary[];
}

const strength = (x: number): number => (Number.isFinite(x) ? x : Number.NEGATIVE_INFINITY);

function weakestFirst(a: GuardItem, b: GuardItem): number {
  return (
    strength(a.edgePp) - strength(b.edgePp) ||
    strength(a.confidence) - strength(b.confidence) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** Published over/under counts. */
export interface SideCounts {
  readonly over: number;
  readonly under: number;
}
type Counts = SideCounts;

function count(
  items: readonly GuardItem[],
  states: ReadonlyMap<string, PickState>,
  pred: (s: PickState) => boolean,
): Counts {
  let over = 0;
  let under = 0;
  for (const it of items) {
    if (!pred(states.get(it.key) ?? it.state)) continue;
    if (it.side === 'OVER') over += 1;
    else under += 1;
  }
  return { over, under };
}

/** The majority side if its share exceeds maxShare, else null. Uses division: 29/50 = 0.58 exactly. */
function violatingSide(c: Counts, maxShare: number): 'OVER' | 'UNDER' | null {
  const n = c.over + c.under;
  if (n === 0) return null;
  if (c.over / n > maxShare) return 'OVER';
  if (c.under / n > maxShare) return 'UNDER';
  return null;
}

const published = (s: PickState): boolean => s !== 'NO_PLAY';
const isPick = (s: PickState): boolean => s === 'PICK';

/** The side whose over share of carried + published is out of `band`, if they number ≥ min. */
function windowSide(
  c: Counts,
  carried: Counts,
  band: readonly [number, number],
  min: number,
): 'OVER' | 'UNDER' | null {
  const over = c.over + carried.over;
  const n = over + c.under + carried.under;
  if (n === 0 || n < min) return null;
  if (over / n > band[1]) return 'OVER';
  if (over / n < band[0]) return 'UNDER';
  return null;
}

/**
 * Plans the guard's demotions for a whole slate. Pure: returns actions, the caller applies them
 * (through the state machine) in order. `carried`: trailing-window published counts per group
 * (stage 3); groups absent from it have no window.
 */
export function planSlateGuard(
  items: readonly GuardItem[],
  config: Pick<SafetyConfig, 'slateGuard'>,
  carried: ReadonlyMap<string, SideCounts> = new Map(),
): SlateGuardPlan {
  const { minPublishedTotals, maxSideShare, windowOverShare, windowDays } = config.slateGuard;
  const byGroup = new Map<string, GuardItem[]>();
  for (const it of items) {
    const list = byGroup.get(it.group) ?? [];
    list.push(it);
    byGroup.set(it.group, list);
  }
  const actions: GuardAction[] = [];
  const groups: GuardGroupSummary[] = [];
  for (const group of [...byGroup.keys()].sort()) {
    const list = [...(byGroup.get(group) ?? [])].sort(weakestFirst);
    const states = new Map<string, PickState>(list.map((i) => [i.key, i.state]));
    const before = count(list, states, published);
    const publishableBefore = before.over + before.under;
    const activated = publishableBefore >= minPublishedTotals;
    const window = carried.get(group);
    const weakest = (side: 'OVER' | 'UNDER', pred: (s: PickState) => boolean) =>
      list.find((i) => i.side === side && pred(states.get(i.key) ?? 'NO_PLAY'));
    /** The next step of stages 1–3 (first that applies), or null when none does. */
    const next = (): GuardAction | null => {
      if (activated) {
        const pickSide = violatingSide(count(list, states, isPick), maxSideShare);
        // A violating side always has a PICK (and a published line below).
        const pick = pickSide === null ? undefined : weakest(pickSide, isPick);
        if (pick !== undefined)
          return {
            key: pick.key,
            group,
            action: 'DEMOTE_TO_LEAN',
            detail: `PICK share of ${pickSide} above ${maxSideShare}`,
          };
        const pubSide = violatingSide(count(list, states, published), maxSideShare);
        const pub = pubSide === null ? undefined : weakest(pubSide, published);
        if (pub !== undefined)
          return {
            key: pub.key,
            group,
            action: 'WITHHOLD',
            detail: `published share of ${pubSide} above ${maxSideShare}`,
          };
      }
      if (window === undefined) return null;
      const side = windowSide(
        count(list, states, published),
        window,
        windowOverShare,
        minPublishedTotals,
      );
      // Nothing to withhold when the slate publishes none of that side.
      const victim = side === null ? undefined : weakest(side, published);
      if (victim === undefined) return null;
      return {
        key: victim.key,
        group,
        action: 'WITHHOLD',
        detail:
          `over share of published totals (the last ${windowDays} days: ${window.over} over / ` +
          `${window.under} under, with this slate's) outside [${windowOverShare[0]}, ${windowOverShare[1]}]`,
      };
    };
    // Each step lowers one line's state: at most 2 × lines steps.
    for (let a = next(); a !== null; a = next()) {
      states.set(a.key, a.action === 'DEMOTE_TO_LEAN' ? 'LEAN' : 'NO_PLAY');
      actions.push(a);
    }
    const after = count(list, states, published);
    groups.push({
      group,
      activated,
      windowActivated: window !== undefined,
      carriedOver: window?.over ?? 0,
      carriedUnder: window?.under ?? 0,
      publishableBefore,
      overBefore: before.over,
      underBefore: before.under,
      overAfter: after.over,
      underAfter: after.under,
    });
  }
  return { actions, groups };
}

/** Published over/under counts per group (for assertions and reports). */
export function slateSideShares(items: readonly GuardItem[]): Map<string, Counts> {
  const out = new Map<string, { over: number; under: number }>();
  for (const it of items) {
    if (!published(it.state)) continue;
    const c = out.get(it.group) ?? { over: 0, under: 0 };
    if (it.side === 'OVER') c.over += 1;
    else c.under += 1;
    out.set(it.group, c);
  }
  return out;
}
