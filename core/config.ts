/**
 * Feature flags (SPEC R15) and slate-run settings. Everything here is configuration: it is part
 * of the effective config whose canonical JSON is hashed into the config hash (R9).
 */
import { DERIVATIVE_MARKETS, SPORT_INFO, type MarketKey, type Sport } from './sports';

/** The three switches of R15. All default to true; turning one off is loud. */
export interface FeatureFlags {
  readonly ENABLE_MARKET_INTEGRITY: boolean;
  readonly ENABLE_DECOMPOSITION_LOGGING: boolean;
  readonly ENABLE_PICK_STATE_MACHINE: boolean;
}

export const FLAG_NAMES = [
  'ENABLE_MARKET_INTEGRITY',
  'ENABLE_DECOMPOSITION_LOGGING',
  'ENABLE_PICK_STATE_MACHINE',
] as const satisfies readonly (keyof FeatureFlags)[];

export const DEFAULT_FLAGS: FeatureFlags = {
  ENABLE_MARKET_INTEGRITY: true,
  ENABLE_DECOMPOSITION_LOGGING: true,
  ENABLE_PICK_STATE_MACHINE: true,
};

/** Raised when configuration cannot be used; lists every problem found. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

/**
 * Reads the flags from environment variables. Accepts true/false/1/0/yes/no (any case); an
 * unset variable keeps the default; anything else is a ConfigError naming the variable.
 */
export function flagsFromEnv(env: Readonly<Record<string, string | undefined>>): FeatureFlags {
  const problems: string[] = [];
  const flags: Record<string, boolean> = { ...DEFAULT_FLAGS };
  for (const name of FLAG_NAMES) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(value)) flags[name] = true;
    else if (['false', '0', 'no', 'off'].includes(value)) flags[name] = false;
    else problems.push(`${name}=${JSON.stringify(raw)} (expected true or false)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return flags as unknown as FeatureFlags;
}

/** Names of the flags that are off, for warnings, search attributes and the run record. */
export function disabledFlags(flags: FeatureFlags): string[] {
  return FLAG_NAMES.filter((name) => !flags[name]);
}

/** Default Monte Carlo iterations (R4): live slates 100k, backfills 10k. Bounds 1k–1M. */
export const ITERATIONS = { live: 100_000, backfill: 10_000, min: 1_000, max: 1_000_000 } as const;

/**
 * Markets a slate asks the integrity check about: the featured markets plus the sport's first
 * derivative market (1H, F5 or P1). The derivative is priced only if a real book offers it
 * (R2b); otherwise it is recorded as NO_MARKET, which is how the audit shows the rule at work.
 */
export function slateMarkets(sport: Sport): MarketKey[] {
  const derivative = SPORT_INFO[sport].derivativeMarkets.find((m) =>
    (DERIVATIVE_MARKETS as readonly string[]).includes(m),
  );
  return ['totals', 'spreads', 'h2h', ...(derivative ? [derivative] : [])];
}

/**
 * Markets to verify for one game: {@link slateMarkets} plus every other derivative market of
 * the sport (alternate totals, team totals, later periods) that some book actually quotes for
 * it. Those are verified and priced when offered and simply absent otherwise (R2b): a
 * NO_MARKET row for every unoffered alternate would only bury the audit.
 */
export function gameMarkets(sport: Sport, quotedMarkets: Iterable<string>): MarketKey[] {
  const quoted = new Set(quotedMarkets);
  const base = slateMarkets(sport);
  const offered = SPORT_INFO[sport].derivativeMarkets.filter(
    (m) => quoted.has(m) && !base.includes(m),
  );
  return [...base, ...offered];
}
