/**
 * Team identity: the registry (data, one file per sport), the resolver every input path uses,
 * and season labels. Pure: no I/O beyond the bundled JSON.
 */
export { seasonOf } from './season';
export {
  registryOf,
  teamKey,
  teamSeasons,
  type RegistryTeam,
  type SportRegistry,
} from './registry';
export {
  oddsApiName,
  PROVISIONAL_TEAM_SPORTS,
  provisionalCode,
  resolveTeam,
  resolveTeamInSeason,
  type ResolvedTeam,
  type TeamProblem,
  type TeamResolution,
  type UnresolvedTeam,
} from './resolve';
