/**
 * Version of the report definitions in `core/report/definitions.md`. The number is printed in
 * every report (`meta.definitionsVersion`) so two reports are only compared like for like;
 * bump it whenever a definition there (and the code that follows it) changes.
 */
export const REPORT_DEFINITIONS_VERSION = 1;

/** The markets the report reads (full-game totals and spreads; derivatives are NO_MARKET-gated). */
export const REPORT_MARKETS = ['totals', 'spreads'] as const;
export type ReportMarket = (typeof REPORT_MARKETS)[number];

/** The decomposition flag counted by `doubleCountingShare` (R5). */
export const DOUBLE_COUNTING_FLAG = 'DOUBLE_COUNTING_LIKELY';
