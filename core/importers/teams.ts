/**
 * Team code normalisation. Codes are part of the natural game key, so one team must always map
 * to one string: trim, uppercase, drop spaces, then apply the sport's alias table (keys and
 * values in that normalised form).
 */
import type { Sport } from '../sports';

/**
 * NHL (SBRO city strings). Distinct strings across the four files 2016-17…2019-20 are the 31
 * franchises' cities plus two typos in 2019-20: `Arizonas` (line 2015) and `Tampa` (line 2197).
 * Space variants (`Tampa Bay`, `St. Louis`, `NY Rangers`) are unified by the space removal.
 */
export const NHL_TEAM_ALIASES: Readonly<Record<string, string>> = {
  ARIZONAS: 'ARIZONA',
  TAMPA: 'TAMPABAY',
  STLOUIS: 'ST.LOUIS',
};

/**
 * NCAA basketball (SBRO school strings, 370 distinct across 2015-16…2018-19). Canonical = the
 * spelling used most often. Found by listing names that appear in few rows / few seasons:
 * one-off spellings (`Denver`, `Memphis`, …), the North/South Dakota State renames across
 * seasons, the `zzzz` prefix in 2017-18 and Chattanooga's 2018-19 rename.
 */
export const NCAAB_TEAM_ALIASES: Readonly<Record<string, string>> = {
  DENVER: 'DENVERU',
  EASTERNWASHINGTON: 'E.WASHINGTON',
  JACKSONVILLESTATE: 'JACKSONVILLEST',
  MEMPHIS: 'MEMPHISU',
  MOKANSASCITY: 'UMKC',
  NDAKOTAST: 'NORTHDAKOTASTATE',
  NORTHDAKOTAST: 'NORTHDAKOTASTATE',
  ZZZZNDAKOTAST: 'NORTHDAKOTASTATE',
  SDAKOTAST: 'SOUTHDAKOTASTATE',
  SOUTHDAKOTAST: 'SOUTHDAKOTASTATE',
  SCUPSTATE: 'USCUPSTATE',
  SOUTHCAROLINASTATE: 'SOCAROLINAST',
  UTRIOGRANDVALLEY: 'UTRIOGRANDEVALLEY',
  CHATTANOOGA: 'TENNESSEECHAT',
};

const ALIASES: Readonly<Record<Sport, Readonly<Record<string, string>>>> = {
  nfl: {},
  ncaaf: {},
  nba: {},
  mlb: {},
  nhl: NHL_TEAM_ALIASES,
  ncaab: NCAAB_TEAM_ALIASES,
};

/** Canonical team code for `raw` in `sport` (empty input stays empty; callers reject it). */
export function canonicalTeam(sport: Sport, raw: string): string {
  const code = raw.trim().toUpperCase().replace(/\s+/g, '');
  return ALIASES[sport][code] ?? code;
}
