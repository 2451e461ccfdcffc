/** `beatvegas teams check`: team names The Odds API uses that the registry cannot resolve. */
import type { Command } from 'commander';
import { oddsApiKey } from '../../worker/env';
import { ReportedFailure } from '../errors';
import { JSON_HELP, printResult } from '../program';
import { checkTeams, formatTeamsCheck } from '../teams';
import { UsageError, parseDate, parseSport } from '../usage';

export function registerTeams(program: Command): void {
  program
    .command('teams')
    .description('team registry tools')
    .command('check')
    .description('list team names The Odds API uses for a sport that the registry cannot resolve')
    .requiredOption('--sport <sport>', 'nfl | ncaaf | nba | ncaab | mlb | nhl')
    .option('--source <source>', 'where the names come from (odds-api)', 'odds-api')
    .option('--date <date>', 'resolve as of this US/Eastern date (default today)')
    .option('--json', JSON_HELP)
    .action(async (opts: { sport: string; source: string; date?: string; json?: boolean }) => {
      const sport = parseSport(opts.sport);
      if (opts.source !== 'odds-api') {
        throw new UsageError(
          `--source: ${JSON.stringify(opts.source)} is not valid (valid: odds-api)`,
        );
      }
      const result = await checkTeams(sport, {
        ...(opts.date !== undefined ? { date: parseDate(opts.date) } : {}),
        baseUrl: process.env.ODDS_API_BASE_URL || 'https://api.the-odds-api.com',
        apiKey: oddsApiKey() ?? undefined,
      });
      printResult(opts.json, result, formatTeamsCheck);
      // The unresolved names were listed above: exit 1 without more output.
      if (result.unresolved.length > 0) throw new ReportedFailure('unresolved team names');
    });
}
