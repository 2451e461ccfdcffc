import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseCsv } from '../../../core/importers';

describe('parseCsv', () => {
  it('splits plain records with 1-based line numbers and skips blank lines', () => {
    expect(parseCsv('a,b,c\n1,2,3\n\n4,,6\n', 'f.csv')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 4, fields: ['4', '', '6'] },
    ]);
  });

  it('handles quoted fields, "" escapes, commas and line breaks inside quotes', () => {
    const text = 'x,y\n"a,b","say ""hi"""\n"multi\nline",z\nlast,""\n';
    expect(parseCsv(text, 'f.csv')).toEqual([
      { line: 1, fields: ['x', 'y'] },
      { line: 2, fields: ['a,b', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', 'z'] },
      { line: 5, fields: ['last', ''] },
    ]);
  });

  it('keeps trailing empty fields (SBRO headers end with a comma)', () => {
    expect(parseCsv('a,,b,\r\n1,2,3,4', 'f.csv')).toEqual([
      { line: 1, fields: ['a', '', 'b', ''] },
      { line: 2, fields: ['1', '2', '3', '4'] },
    ]);
  });

  it('drops a UTF-8 BOM and accepts CRLF', () => {
    expect(parseCsv('\uFEFFa,b\r\n1,2\r\n', 'f.csv')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('keeps a stray quote inside an unquoted field literally', () => {
    expect(parseCsv('St.Peter\'s,5"x\n', 'f.csv')[0]?.fields).toEqual(["St.Peter's", '5"x']);
  });

  it('reports an unterminated quote at the line it opened', () => {
    expect(() => parseCsv('a,b\n1,"oops\n2,3\n', 'f.csv')).toThrow(
      'f.csv:2: unterminated quoted field',
    );
  });

  it('reports text glued to a closing quote', () => {
    const err = catchError(() => parseCsv('a,b\n"x"y,1\n', 'g.csv'));
    expect(err).toBeInstanceOf(CsvFormatError);
    expect(err).toMatchObject({ file: 'g.csv', line: 2 });
  });
});

describe('CsvFormatError', () => {
  it('carries file, line and reason and formats them as file:line: reason', () => {
    const err = new CsvFormatError('nhl_odds_2019-20.csv', 35, 'VH: expected V/H/N, got "X"');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('CsvFormatError');
    expect(err).toMatchObject({
      file: 'nhl_odds_2019-20.csv',
      line: 35,
      reason: 'VH: expected V/H/N, got "X"',
    });
    expect(err.message).toBe('nhl_odds_2019-20.csv:35: VH: expected V/H/N, got "X"');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
