/**
 * SBRO NHL season sheets (`nhl_odds_2016-17.csv` …): two rows per game, visitor then home.
 * See shared/data/README.md § nhl.
 *
 * Price sides (decided from the data, all four seasons): each row carries its own team's
 * closing moneyline (`Close`) and puck line + price. `Close OU` is the same total on both rows,
 * and the price next to it follows the SBRO convention: the VISITOR row's price is the Over,
 * the HOME row's price the Under. Checked against results: when the visitor-row price is the
 * favourite (no-vig p > .53) the game went over 54–60 % of the time per season, when the
 * home-row price is the favourite only 40–50 % — i.e. the visitor-row price prices the Over.
 */
import { h2hQuote, spreadsQuote, totalsQuote } from './closing-quotes';
import { parseCsvTable } from './csv';
import { easternToUtc } from '../calendar';
import { columnsByPosition, RowReader, rowWidth } from './fields';
import { ImportBuilder, type ImportOptions, type ImportResult } from './import-result';
import { overtimeFromPeriods, periodsExceedFinal, readSbroPairs, type SbroPair } from './sbro';
import { SeasonCalendar, splitSeasonStartYear } from './season-dates';

/** Puck drop assumed for every game (the source has no times): 7 pm US/Eastern. */
export const NHL_DEFAULT_LOCAL_TIME = '19:00';

const HEADER = [
  ['date', 'Date'],
  ['rot', 'Rot'],
  ['vh', 'VH'],
  ['team', 'Team'],
  ['p1', '1st'],
  ['p2', '2nd'],
  ['p3', '3rd'],
  ['final', 'Final'],
  ['open', 'Open'],
  ['close', 'Close'],
  ['puckLine', 'PuckLine'],
  ['puckLinePrice', ''],
  ['openOu', 'OpenOU'],
  ['openOuPrice', ''],
  ['closeOu', 'CloseOU'],
  ['closeOuPrice', ''],
] as const;

/** `Final` markers of a game without a result (SBRO writes `F` or leaves it blank). */
const NO_FINAL = ['', 'F'];
const BLANK = [''];

/** Parses one NHL season sheet; the season start year comes from the file name. */
export function parseNhlCsv(
  text: string,
  fileName: string,
  options: ImportOptions = {},
): ImportResult {
  const seasonStart = splitSeasonStartYear(fileName);
  const { header, rows } = parseCsvTable(text, fileName);
  const columns = columnsByPosition(header, fileName, HEADER);
  const width = rowWidth(header, HEADER.length);
  const out = new ImportBuilder('nhl', options);
  const calendar = new SeasonCalendar(seasonStart);
  readSbroPairs(rows, fileName, columns, width, out, readPair);
  return out.result();

  function readPair(pair: SbroPair, away: RowReader, home: RowReader): void {
    const missing = [away, home].find((r) => NO_FINAL.includes(r.text('final').toUpperCase()));
    if (missing) {
      const reason = `no final score (Final "${missing.text('final')}")`;
      out.skip(away.line, reason);
      out.skip(home.line, reason);
      return;
    }

    const date = away.seasonMonthDay('date', calendar);
    const awayTeam = out.team(away, 'team', seasonStart);
    const homeTeam = out.team(home, 'team', seasonStart);
    const homeScore = home.count('final');
    const awayScore = away.count('final');
    const homePeriods = periods(home);
    const awayPeriods = periods(away);

    if (periodsExceedFinal(homePeriods, homeScore) || periodsExceedFinal(awayPeriods, awayScore)) {
      const reason = 'inconsistent score: periods add up to more than Final';
      out.skip(away.line, reason);
      out.skip(home.line, reason);
      return;
    }

    const gameId = out.allocateGameId(seasonStart, date.iso, awayTeam, homeTeam, home);
    const commenceTime = easternToUtc(date.iso, NHL_DEFAULT_LOCAL_TIME);
    const target = { gameId, commenceTime };

    // Both rows state the closing total; a disagreement cannot be graded, so no quote.
    const total = away.optionalLine('closeOu', BLANK);
    const homeTotal = home.optionalLine('closeOu', BLANK);
    const totalsAgree = total === homeTotal;
    const openTotal = away.optionalLine('openOu', BLANK);
    // Puck lines must mirror each other (−1.5 / +1.5) to form one two-sided market.
    const homeLine = home.optionalLine('puckLine', BLANK);
    const awayLine = away.optionalLine('puckLine', BLANK);
    const linesAgree = homeLine !== null && awayLine !== null && homeLine === -awayLine;
    const notes: string[] = [];
    if (!totalsAgree) notes.push(`Close OU differs between rows (${total} vs ${homeTotal})`);
    if (!linesAgree && (homeLine !== null || awayLine !== null)) {
      notes.push(`puck lines do not mirror (${awayLine} / ${homeLine})`);
    }

    out.addGame(
      {
        gameId,
        sport: 'nhl',
        season: seasonStart,
        gameDate: date.iso,
        commenceTime,
        homeTeam,
        awayTeam,
        neutralSite: pair.neutral,
        homeScore,
        awayScore,
        homePeriods,
        awayPeriods,
        overtime: overtimeFromPeriods(homePeriods, homeScore, awayPeriods, awayScore),
        meta: {
          awayRot: away.integer('rot'),
          homeRot: home.integer('rot'),
          homeRowFirst: pair.homeRowFirst,
          lineNote: notes.length > 0 ? notes.join('; ') : null,
        },
      },
      [
        totalsAgree
          ? totalsQuote(
              target,
              total,
              away.optionalLine('closeOuPrice', BLANK),
              home.optionalLine('closeOuPrice', BLANK),
            )
          : null,
        linesAgree
          ? spreadsQuote(
              target,
              homeLine,
              home.optionalLine('puckLinePrice', BLANK),
              away.optionalLine('puckLinePrice', BLANK),
            )
          : null,
        h2hQuote(target, home.optionalLine('close', BLANK), away.optionalLine('close', BLANK)),
      ],
      // Opening total, on the same terms as the closing one (both rows must agree).
      [
        openTotal !== null && openTotal === home.optionalLine('openOu', BLANK)
          ? totalsQuote(
              target,
              openTotal,
              away.optionalLine('openOuPrice', BLANK),
              home.optionalLine('openOuPrice', BLANK),
            )
          : null,
      ],
    );
  }
}

/** 1st/2nd/3rd period goals, or null when the sheet left them blank. */
function periods(row: RowReader): number[] | null {
  const values = (['p1', 'p2', 'p3'] as const).map((c) => row.optionalCount(c, BLANK));
  return values.every((v): v is number => v !== null) ? values : null;
}
