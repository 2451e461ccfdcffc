/**
 * The normalised output of one history file, and the accumulator the format modules fill.
 */
import type { Sport } from '../sports';
import type { GameRecord, IsoDate, MarketQuote } from '../types';

/** A data row left out on purpose (by the data's own conventions), with its file line. */
export interface SkippedRow {
  /** 1-based file line (header = 1). */
  line: number;
  reason: string;
}

/** Everything parsed from one file. Quotes reference games by `gameId`. */
export interface ImportResult {
  sport: Sport;
  games: GameRecord[];
  /** Closing lines (bookmaker `closing`, `lastUpdate` = commence time). */
  quotes: MarketQuote[];
  /** Distinct season label years of the imported games, ascending. */
  seasons: number[];
  skipped: SkippedRow[];
}

/**
 * Collects games, quotes and skipped rows for one file and hands out game ids. Ids are
 * allocated in file order so the second game of a doubleheader (same teams, same date) gets
 * `#2`, the third `#3`; only rows that are actually imported take an id.
 */
export class ImportBuilder {
  private readonly games: GameRecord[] = [];
  private readonly quotes: MarketQuote[] = [];
  private readonly skipped: SkippedRow[] = [];
  private readonly idCounts = new Map<string, number>();

  constructor(readonly sport: Sport) {}

  /** Natural key `<sport>:<season>:<date>:<away>@<home>[#n]` (team codes already canonical). */
  allocateGameId(season: number, gameDate: IsoDate, away: string, home: string): string {
    const base = `${this.sport}:${season}:${gameDate}:${away}@${home}`;
    const count = (this.idCounts.get(base) ?? 0) + 1;
    this.idCounts.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  }

  /** Adds a game and its quotes; `null` quotes (line absent) are dropped. */
  addGame(game: GameRecord, quotes: ReadonlyArray<MarketQuote | null>): void {
    this.games.push(game);
    for (const quote of quotes) {
      if (quote) this.quotes.push(quote);
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
      seasons,
      skipped: [...this.skipped].sort((a, b) => a.line - b.line),
    };
  }
}
