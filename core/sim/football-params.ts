/**
 * Parameters of the drive-level football kernel (core/sim/football.ts), shared by NFL and
 * NCAAF. Kept apart from the kernel so the solver and the overtime maths can use them without
 * importing the sampler.
 */

/** NFL regular-season overtime (2017+): 10 minutes, a TD on the first drive wins. */
export interface NflOvertime {
  readonly kind: 'nfl';
  /** Drives that fit in the overtime period; unresolved after that → tie. */
  readonly maxDrives: number;
}

/** NCAAF overtime (2021+ rules): alternating possessions from the 25, 2-pt shootout from OT3. */
export interface NcaafOvertime {
  readonly kind: 'ncaaf';
  /** League OT drive shape from the 25: P(no score), P(FG), P(TD); tilted like the team. */
  readonly classShape: readonly [number, number, number];
  /** P(two-point conversion) at league average. */
  readonly twoPointRate: number;
  /** After this many rounds a coin decides (+2), so the loop is bounded; P(reach) < 1e-6. */
  readonly maxRounds: number;
}

/** League parameters of one football sport (see core/sim/nfl.ts and core/sim/ncaaf.ts). */
export interface FootballParams {
  readonly sport: 'nfl' | 'ncaaf';
  /** Regulation drives per team per game at paceFactor 1. */
  readonly drivesPerTeam: number;
  /** SD of the combined number of drives in one half. */
  readonly halfDrivesSd: number;
  /** League drive outcome shape [P(no score), P(FG made), P(TD)]. */
  readonly classShape: readonly [number, number, number];
  /** Points of a touchdown drive [P(6), P(7), P(8)] (missed XP or failed 2-pt, XP, 2-pt). */
  readonly tdPoints: readonly [number, number, number];
  readonly overtime: NflOvertime | NcaafOvertime;
}

/** Per-team drive outcome classes [none, FG, TD]. */
export type Classes = readonly [number, number, number];
