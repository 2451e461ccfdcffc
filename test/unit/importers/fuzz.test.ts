/**
 * Bad input (SPEC §7): randomly corrupted CSV rows of every format never crash an import with
 * anything but a CsvFormatError naming file:line and a reason; a file either parses whole or
 * not at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseHistoryCsv } from '../../../core/importers';
import type { Sport } from '../../../core/sports';

const DIR = path.join(__dirname, '../../fixtures/history');
const FILES: [Sport, string][] = (['nfl', 'ncaaf', 'nba', 'ncaab', 'mlb', 'nhl'] as const).flatMap(
  (sport) =>
    fs
      .readdirSync(path.join(DIR, sport))
      .filter((f) => f.endsWith('.csv'))
      .map((f): [Sport, string] => [sport, path.join(sport, f)]),
);

const junk = fc.oneof(
  fc.constant(''),
  fc.constant('NA'),
  fc.constant('-'),
  fc.constant('1e309'),
  fc.constant('"'),
  fc.constant('12/31/2020'),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -100000, max: 100000 }).map(String),
  fc.double({ noNaN: false }).map(String),
);

describe('importers under random corruption', () => {
  for (const [sport, file] of FILES) {
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const name = path.basename(file);
    const lines = text.split('\n');
    it(`${file}: every corruption parses or is rejected with file:line and a reason`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: Math.max(1, lines.length - 2) }),
          fc.nat(40),
          junk,
          (lineIndex, cellIndex, value) => {
            const copy = [...lines];
            const cells = (copy[lineIndex] ?? '').split(',');
            cells[cellIndex % Math.max(1, cells.length)] = value;
            copy[lineIndex] = cells.join(',');
            try {
              const result = parseHistoryCsv(sport, copy.join('\n'), name);
              for (const s of result.skipped) expect(s.reason.length).toBeGreaterThan(0);
            } catch (error) {
              expect(error).toBeInstanceOf(CsvFormatError);
              const e = error as CsvFormatError;
              expect(e.message).toMatch(
                new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: .+`),
              );
              expect(e.reason.length).toBeGreaterThan(0);
            }
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});
