/**
 * The normalised output of one history file, and the accumulator the format modules fill.
 */
import type { Sport } from '../sports';
import { PROVISIONAL_TEAM_SPORTS, provisionalCode, resolveTeamInSeason } from '../teams/resolve';
import type { GameRecord, IsoDate, MarketQuote } from '../types';
import { CsvFormatError } from './csv-format-error';
import type { RowReader } from './fields';

/** A data row left out on purpose (by the data's own conventions), with its file line. */
export interface SkippedRow {
  /** 1-based file line (header = 1). */
  line: number;
  reason: string;
}

/**
 * A malformed data row left out by an import with `skipInvalid` (without it, the same problem
 * fails the whole file). Both rows of a two-row game are rejected together.
 */
export interface RejectedRow {
  /** 1-based file line (header = 1). */
  line: number;
  /** What is wrong, as the all-or-nothing error would say it (without `file:line:`). */
  reason: string;
}

/** How an importer treats malformed rows. */
export interface ImportOptions {
  /**
   * Reject a malformed row (or row pair) into {@link ImportResult.rejected} and go on with the
   * next one, instead of failing the whole file. Whole-file problems (header, file name,
   * CSV quoting) still throw.
   */
  skipInvalid?: boolean;
}

/**
 * A college team the registry does not know (a new program, a lower-division opponent): it is
 * imported under {@link provisionalCode} and listed, and has no history until it plays.
 */
export interface ProvisionalTeam {
  code: string;
  /** The text as written in the file. */
  name: string;
  /** First file line it appears on. */
  line: number;
  reason: string;
}

/** Sports whose files may hold two games of the same teams on one date (doubleheaders). */
const DOUBLEHEADER_SPORTS: ReadonlySet<Sport> = new Set<Sport>(['mlb']);

/** Everything parsed from one file. Quotes reference games by `gameId`. */
export interface ImportResult {
  sport: Sport;
  games: GameRecord[];
  /** Closing lines (bookmaker `closing`, `lastUpdate` = commence time). */
  quotes: MarketQuote[];
  /**
   * Opening lines where the source has them (MLB, NHL, NCAAB), the same shape as the closing
   * quotes; stored under `market_lines.source = 'history-open'` and priced by runs configured
   * with `lines: 'open'` (`backfill --lines open`).
   */
  openingQuotes: MarketQuote[];
  /** Distinct season label years of the imported games, ascending. */
  seasons: number[];
  skipped: SkippedRow[];
  /** College teams not in the registry, imported provisionally (empty for the pro leagues). */
  provisionalTeams: ProvisionalTeam[];
  /** Malformed rows left out (only with {@link ImportOptions.skipInvalid}; else empty), by line. */
  rejected: RejectedRow[];
}

/**
 * Collects games, quotes and skipped rows for one file and hands out game ids. Ids are
 * allocated in file order so the second game of a doubleheader (same teams, same date) gets
 * `#2`, the third `#3`; only rows that are actually imported take an id.
 */
export class ImportBuilder {
  private readonly games: GameRecord[] = [];
  private readonly quotes: MarketQuote[] = [];
  private readonly openingQuotes: MarketQuote[] = [];
  private readonly skipped: SkippedRow[] = [];
  private readonly idCounts = new Map<string, number>();
  private readonly firstLine = new Map<string, number>();
  private readonly provisional = new Map<string, ProvisionalTeam>();
  private readonly rejected: RejectedRow[] = [];
  private readonly skipInvalid: boolean;
  /** Undo steps of the row being read in {@link attempt} (null outside it). */
  private journal: (() => void)[] | null = null;

  constructor(
    readonly sport: Sport,
    options: ImportOptions = {},
  ) {
    this.skipInvalid = options.skipInvalid === true;
  }

  /**
   * Reads one data row (or the two rows of one game) with `read`. By default a
   * {@link CsvFormatError} propagates and fails the file. With `skipInvalid` it rejects every
   * line in `lines` with its reason, undoes whatever the row had already recorded (game id,
   * provisional team, game, quotes) and returns false, so the import goes on with the next row.
   */
  attempt(lines: readonly number[], read: () => void): boolean {
    if (!this.skipInvalid) {
      read();
      return true;
    }
    const sizes = [
      this.games.length,
      this.quotes.length,
      this.skipped.length,
      this.openingQuotes.length,
    ] as const;
    const journal: (() => void)[] = [];
    this.journal = journal;
    try {
      read();
      return true;
    } catch (error) {
      if (!(error instanceof CsvFormatError)) throw error;
      for (const undo of journal.reverse()) undo();
      this.games.length = sizes[0];
      this.quotes.length = sizes[1];
      this.skipped.length = sizes[2];
      this.openingQuotes.length = sizes[3];
      const named = lines.includes(error.line);
      for (const line of lines) {
        const reason =
          !named || line === error.line
            ? error.reason
            : `pair with line ${error.line}: ${error.reason}`;
        this.rejected.push({ line, reason });
      }
      return false;
    } finally {
      this.journal = null;
    }
  }

  /**
   * Natural key `<sport>:<season>:<date>:<away>@<home>[#n]` (team codes already canonical).
   * Only MLB has doubleheaders; in every other sport a second row for the same teams on the
   * same date is an error naming both lines (its score must not feed the ratings twice).
   */
  allocateGameId(
    season: number,
    gameDate: IsoDate,
    away: string,
    home: string,
    row: Pick<RowReader, 'line' | 'fail'>,
  ): string {
    const base = `${this.sport}:${season}:${gameDate}:${away}@${home}`;
    const count = (this.idCounts.get(base) ?? 0) + 1;
    const first = this.firstLine.get(base);
    if (first !== undefined && !DOUBLEHEADER_SPORTS.has(this.sport)) {
      row.fail(
        `${away}@${home} on ${gameDate} is already the game on line ${first} (a second row for the same game)`,
      );
    }
    this.journal?.push(() => {
      if (count === 1) this.idCounts.delete(base);
      else this.idCounts.set(base, count - 1);
      if (first === undefined) this.firstLine.delete(base);
    });
    if (first === undefined) this.firstLine.set(base, row.line);
    this.idCounts.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  }

  /**
   * The history code of the team in `column` of `row`, through the registry. Unknown in a pro
   * league: the row (and so the file) fails with `file:line`. Unknown in college: provisional.
   */
  team(
    row: Pick<RowReader, 'line' | 'fail' | 'requiredText'>,
    column: string,
    season: number,
  ): string {
    const raw = row.requiredText(column);
    const resolved = resolveTeamInSeason(this.sport, raw, season);
    if (resolved.ok) return resolved.code;
    if (!PROVISIONAL_TEAM_SPORTS.has(this.sport)) row.fail(`${column}: ${resolved.message}`);
    const code = provisionalCode(raw);
    if (!this.provisional.has(code)) {
      this.provisional.set(code, { code, name: raw, line: row.line, reason: resolved.message });
      this.journal?.push(() => this.provisional.delete(code));
    }
    return code;
  }

  /** Adds a game, its closing and opening quotes; `null` quotes (line absent) are dropped. */
  addGame(
    game: GameRecord,
    quotes: ReadonlyArray<MarketQuote | null>,
    openingQuotes: ReadonlyArray<MarketQuote | null> = [],
  ): void {
    this.games.push(game);
    for (const quote of quotes) {
      if (quote) this.quotes.push(quote);
    }
    for (const quote of openingQuotes) {
      if (quote) this.openingQuotes.push(quote);
    }
  }

  skip(line: number, reason: string): void {
    this.skipped.push({ line, reason });
  }

  result(): ImportResult {
    const seasons = [...new Set(this.games.map((g) => g.season))].sort((a, b) => a - b);
    return {
      sport: this.sport,
      games: this.games,
      quotes: this.quotes,
      openingQuotes: this.openingQuotes,
      seasons,
      skipped: [...this.skipped].sort((a, b) => a.line - b.line),
      provisionalTeams: [...this.provisional.values()].sort((a, b) => a.line - b.line),
      rejected: [...this.rejected].sort((a, b) => a.line - b.line),
    };
  }
}
