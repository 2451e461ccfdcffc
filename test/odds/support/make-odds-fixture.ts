/**
 * Regenerates test/fixtures/odds/nfl-2023-12-10.json: the NFL games of 2023-12-10 from the
 * nflverse history (../shared/data/nfl/games.csv) in Odds API `/odds` shape, exactly as the
 * local history server would serve them (bookmaker `closing`; h2h, spreads, totals; no
 * derivative markets, so no game has a 1H total). Run once with:
 *
 *   npx tsx test/odds/support/make-odds-fixture.ts [path/to/games.csv]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseNflCsv } from '../../../core/importers';
import { toOddsEvent } from '../../../odds/history-events';
import { eventIdForGame } from '../../../odds/history-store';

export const FIXTURE_DATE = '2023-12-10';
export const FIXTURE_PATH = path.join(__dirname, '../../fixtures/odds/nfl-2023-12-10.json');

function main(): void {
  const source = process.argv[2] ?? path.join(__dirname, '../../../../shared/data/nfl/games.csv');
  const parsed = parseNflCsv(fs.readFileSync(source, 'utf8'), path.basename(source));
  const events = parsed.games
    .filter((g) => g.gameDate === FIXTURE_DATE)
    .sort(
      (a, b) => a.commenceTime.localeCompare(b.commenceTime) || a.gameId.localeCompare(b.gameId),
    )
    .map((game) =>
      toOddsEvent(
        'nfl',
        {
          eventId: eventIdForGame(game.gameId),
          game,
          quotes: parsed.quotes.filter((q) => q.gameId === game.gameId),
        },
        null,
      ),
    );
  fs.mkdirSync(path.dirname(FIXTURE_PATH), { recursive: true });
  fs.writeFileSync(FIXTURE_PATH, `${JSON.stringify(events, null, 1)}\n`);
  process.stderr.write(`wrote ${events.length} events to ${FIXTURE_PATH}\n`);
}

if (require.main === module) main();
