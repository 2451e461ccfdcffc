/**
 * The team registry: one reviewed data file per sport (`registry/<sport>.json`) listing each
 * team's history code (the one game ids are built from), the names The Odds API gives it and
 * other known spellings, each with the seasons it was valid. Validated once when loaded: a
 * malformed file or a spelling two teams could claim in the same season is a programming error
 * and fails every test, so the data cannot drift silently.
 */
import { z } from 'zod';
import type { Sport } from '../sports';
import mlb from './registry/mlb.json';
import nba from './registry/nba.json';
import ncaab from './registry/ncaab.json';
import ncaaf from './registry/ncaaf.json';
import nfl from './registry/nfl.json';
import nhl from './registry/nhl.json';

const season = z.number().int().min(1850).max(2200);
const spelling = z.string().trim().min(1);

const nameSchema = z
  .object({ name: spelling, from: season.optional(), to: season.optional() })
  .strict();

const teamSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9.&'()-]+$/, 'uppercase code without spaces'),
    history: z.array(spelling).default([]),
    names: z.array(nameSchema).min(1),
    aliases: z.array(spelling).default([]),
    from: season.optional(),
    to: season.optional(),
  })
  .strict();

const fileSchema = z
  .object({
    sport: z.enum(['nfl', 'ncaaf', 'nba', 'ncaab', 'mlb', 'nhl']),
    note: z.string().optional(),
    teams: z.array(teamSchema).min(1),
  })
  .strict();

/** One team of the registry (see registry/README in the module doc). */
export type RegistryTeam = z.infer<typeof teamSchema>;

/** Seasons [from, to], inclusive; open ends are ±Infinity. */
export interface SeasonRange {
  readonly from: number;
  readonly to: number;
}

/** One spelling of one team and the seasons it stands for that team. */
export interface Spelling {
  readonly team: RegistryTeam;
  readonly text: string;
  readonly seasons: SeasonRange;
}

/**
 * Lookup key of a spelling: accents dropped, uppercase, every character outside A–Z and 0–9
 * dropped. "St. Louis", "ST.LOUIS" and "St Louis" are one key; so are "Texas A&M" and "TEXAS-AM".
 */
export function teamKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

function intersect(a: SeasonRange, b: SeasonRange): SeasonRange {
  return { from: Math.max(a.from, b.from), to: Math.min(a.to, b.to) };
}

function range(from: number | undefined, to: number | undefined): SeasonRange {
  return { from: from ?? -Infinity, to: to ?? Infinity };
}

/** One sport's registry, indexed by spelling key. */
export interface SportRegistry {
  readonly sport: Sport;
  readonly teams: readonly RegistryTeam[];
  readonly byKey: ReadonlyMap<string, readonly Spelling[]>;
  readonly byCode: ReadonlyMap<string, RegistryTeam>;
}

/** Seasons a team's code is valid. */
export function teamSeasons(team: RegistryTeam): SeasonRange {
  return range(team.from, team.to);
}

function buildRegistry(sport: Sport, raw: unknown): SportRegistry {
  const file = fileSchema.parse(raw);
  if (file.sport !== sport) throw new Error(`registry/${sport}.json says sport "${file.sport}"`);
  const byKey = new Map<string, Spelling[]>();
  const byCode = new Map<string, RegistryTeam>();
  for (const team of file.teams) {
    if (byCode.has(team.code)) throw new Error(`registry/${sport}.json: code ${team.code} twice`);
    byCode.set(team.code, team);
    const all = teamSeasons(team);
    const add = (text: string, seasons: SeasonRange): void => {
      const key = teamKey(text);
      if (key === '') throw new Error(`registry/${sport}.json: "${text}" has no letters or digits`);
      const list = byKey.get(key) ?? [];
      // The same team may list one key twice (a name and its code); other teams may not overlap.
      for (const other of list) {
        const both = intersect(other.seasons, seasons);
        if (other.team !== team && both.from <= both.to) {
          throw new Error(
            `registry/${sport}.json: "${text}" (${team.code}) and "${other.text}" (${other.team.code}) ` +
              `are one spelling in the same seasons`,
          );
        }
      }
      list.push({ team, text, seasons });
      byKey.set(key, list);
    };
    add(team.code, all);
    for (const h of team.history) add(h, all);
    for (const a of team.aliases) add(a, all);
    for (const n of team.names) add(n.name, intersect(all, range(n.from, n.to)));
  }
  return { sport, teams: file.teams, byKey, byCode };
}

const RAW: Readonly<Record<Sport, unknown>> = { nfl, ncaaf, nba, ncaab, mlb, nhl };
const cache = new Map<Sport, SportRegistry>();

/** The validated registry of `sport` (parsed on first use). */
export function registryOf(sport: Sport): SportRegistry {
  let reg = cache.get(sport);
  if (!reg) {
    reg = buildRegistry(sport, RAW[sport]);
    cache.set(sport, reg);
  }
  return reg;
}
