/**
 * Tunables of the line-integrity check (SPEC R2). Plain JSON so the effective config can be
 * hashed into the run's config hash (R9). Sport constants (plausible totals, max spread,
 * disagreement tolerance) come from SPORT_INFO; only the tolerance may be overridden here.
 */
import { SPORT_INFO, SPORTS, type Sport } from '../sports';
import { IntegrityInputError } from './errors';

/** Knobs that may be set globally or per sport. */
export interface IntegrityTunables {
  /** A book's line older than this before the reference time is stale (minutes). Default 30. */
  readonly maxLineAgeMinutes: number;
  /** A book is an outlier when |point − median| > this × MAD (unitless, ≥ 1). Default 3. */
  readonly outlierMadMultiplier: number;
  /**
   * Floor of the outlier distance as a fraction of the sport's disagreement tolerance
   * (unitless, ≥ 0). Default 0.5 (also when omitted): with NFL tolerance 2.0 a book must sit more than 1 point
   * from the median before it can be called an outlier, even when the other books agree
   * exactly (MAD = 0).
   */
  readonly outlierFloorFraction?: number;
}

/** Per-sport overrides; `disagreementTolerance` replaces SPORT_INFO's (scoring units). */
export type IntegritySportOverrides = Partial<IntegrityTunables> & {
  readonly disagreementTolerance?: number;
};

/** Full configuration of {@link verifyGameLines}. */
export interface IntegrityConfig extends IntegrityTunables {
  readonly perSport?: Readonly<Partial<Record<Sport, IntegritySportOverrides>>>;
}

/** Used when a config leaves `outlierFloorFraction` out. */
export const DEFAULT_OUTLIER_FLOOR_FRACTION = 0.5;

/** SPEC R2 defaults: 30-minute max age, 3 × MAD outliers with a floor of half the tolerance. */
export const DEFAULT_INTEGRITY_CONFIG: IntegrityConfig = Object.freeze({
  maxLineAgeMinutes: 30,
  outlierMadMultiplier: 3,
  outlierFloorFraction: DEFAULT_OUTLIER_FLOOR_FRACTION,
});

/** The values actually applied to one sport, in scoring units / minutes. */
export interface ResolvedIntegrityConfig {
  readonly sport: Sport;
  readonly maxLineAgeMs: number;
  readonly outlierMadMultiplier: number;
  /** Minimum outlier distance (scoring units). */
  readonly outlierMinDistance: number;
  /** Max range of books' points after outliers (scoring units). */
  readonly disagreementTolerance: number;
  readonly plausibleTotal: readonly [number, number];
  readonly maxSpread: number;
}

function requireNumber(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new IntegrityInputError(
      'INVALID_CONFIG',
      `${name} must be a finite number >= ${min}, got ${String(value)}`,
    );
  }
}

function validateTunables(prefix: string, t: Partial<IntegrityTunables>): void {
  if (t.maxLineAgeMinutes !== undefined)
    requireNumber(`${prefix}maxLineAgeMinutes`, t.maxLineAgeMinutes, 0);
  // Below 1 × MAD a majority of books could be dropped, which would invert the consensus.
  if (t.outlierMadMultiplier !== undefined)
    requireNumber(`${prefix}outlierMadMultiplier`, t.outlierMadMultiplier, 1);
  if (t.outlierFloorFraction !== undefined)
    requireNumber(`${prefix}outlierFloorFraction`, t.outlierFloorFraction, 0);
}

/**
 * Checks a config (start-up validation, R9).
 * @throws IntegrityInputError (code INVALID_CONFIG) naming the bad field.
 */
export function validateIntegrityConfig(config: IntegrityConfig): void {
  requireNumber('maxLineAgeMinutes', config.maxLineAgeMinutes, 0);
  requireNumber('outlierMadMultiplier', config.outlierMadMultiplier, 1);
  if (config.outlierFloorFraction !== undefined)
    requireNumber('outlierFloorFraction', config.outlierFloorFraction, 0);
  for (const [sport, overrides] of Object.entries(config.perSport ?? {})) {
    if (!(SPORTS as readonly string[]).includes(sport)) {
      throw new IntegrityInputError('INVALID_CONFIG', `perSport has unknown sport "${sport}"`);
    }
    if (overrides === undefined) continue;
    validateTunables(`perSport.${sport}.`, overrides);
    if (overrides.disagreementTolerance !== undefined) {
      requireNumber(`perSport.${sport}.disagreementTolerance`, overrides.disagreementTolerance, 0);
    }
  }
}

/** Merges global, per-sport and SPORT_INFO values for one sport (config must be valid). */
export function resolveIntegrityConfig(
  config: IntegrityConfig,
  sport: Sport,
): ResolvedIntegrityConfig {
  const info = SPORT_INFO[sport];
  const o = config.perSport?.[sport] ?? {};
  const tolerance = o.disagreementTolerance ?? info.disagreementTolerance;
  const floorFraction =
    o.outlierFloorFraction ?? config.outlierFloorFraction ?? DEFAULT_OUTLIER_FLOOR_FRACTION;
  return {
    sport,
    maxLineAgeMs: (o.maxLineAgeMinutes ?? config.maxLineAgeMinutes) * 60_000,
    outlierMadMultiplier: o.outlierMadMultiplier ?? config.outlierMadMultiplier,
    outlierMinDistance: floorFraction * tolerance,
    disagreementTolerance: tolerance,
    plausibleTotal: info.plausibleTotal,
    maxSpread: info.maxSpread,
  };
}
