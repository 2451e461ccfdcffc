/**
 * Thrown when a history CSV cannot be parsed. The whole file is rejected (all-or-nothing), so
 * the message names the exact file line to fix. With `skipInvalid`, one thrown while reading a
 * data row rejects only that row (see `ImportBuilder.attempt`).
 */
export class CsvFormatError extends Error {
  /**
   * @param file   the file name as given to the parser
   * @param line   1-based file line (header = 1); 0 means the file as a whole (e.g. its name)
   * @param reason what is wrong with that line
   */
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'CsvFormatError';
  }
}
