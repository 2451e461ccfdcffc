/**
 * R7 L1 — data integrity. Fails closed: anything missing or non-finite is a hard block
 * (INCOMPLETE_INPUT), because a NaN would otherwise sail through every `<` comparison downstream.
 *
 * Rules:
 * - line, market centre, projection, SD (> 0), push (∈ [0, 1)), pA (∈ [0, 1]), qA (∈ (0, 1)),
 *   prices (|price| ≥ 100), segment scale (> 0) must be finite → else INCOMPLETE_INPUT.
 * - Monte Carlo SE of P(over) finite and ≤ `dataIntegrity.maxMcStandardError` → else
 *   MC_ERROR_TOO_HIGH (hard: more iterations fix it; publishing noise does not).
 * - Rating sample (fewer of the two teams' games) < the sport's `minRatingGames`, or unknown →
 *   LOW_SAMPLE (a team with too little point-in-time history can never be PICK):
 *   soft trigger by default (LEAN at best, SPEC R3/R8), hard block with `lowSampleAction: 'block'`.
 * - R5 decomposition: DOUBLE_COUNTING_LIKELY becomes a soft trigger of every market of the game
 *   ("flagged games are demoted"); outlier flags become notes. Missing decomposition while
 *   ENABLE_DECOMPOSITION_LOGGING is on → INCOMPLETE_INPUT (the double-counting check must not be
 *   skipped silently); with the flag off the check is skipped and the run carries a warning.
 */
import type { SafetyConfig } from '../config';
import { jsonNumber, type HardBlockReason, type SoftTrigger } from '../types';
import { addUnique, withTrace, type Candidate } from './candidate';

const fin = (x: number): boolean => Number.isFinite(x);
const validPrice = (p: number): boolean => fin(p) && Math.abs(p) >= 100;

export function applyDataIntegrity(c: Candidate, config: SafetyConfig): Candidate {
  const di = config.dataIntegrity;
  const problems: string[] = [];
  let hard: readonly HardBlockReason[] = c.hardReasons;
  let soft: readonly SoftTrigger[] = c.softTriggers;
  let notes = c.notes;

  const checks: [string, boolean][] = [
    ['line', fin(c.line)],
    ['marketCenter', fin(c.marketCenter)],
    ['projection', fin(c.projectionRaw)],
    ['sd > 0', fin(c.sd) && c.sd > 0],
    ['fullTotalSd > 0', fin(c.fullTotalSd) && c.fullTotalSd > 0],
    ['fullMarginSd > 0', fin(c.fullMarginSd) && c.fullMarginSd > 0],
    ['pPush in [0,1)', fin(c.pPush) && c.pPush >= 0 && c.pPush < 1],
    ['pA in [0,1]', fin(c.pARaw) && c.pARaw >= 0 && c.pARaw <= 1],
    ['qA in (0,1)', fin(c.qA) && c.qA > 0 && c.qA < 1],
    ['priceA', validPrice(c.priceA)],
    ['priceB', validPrice(c.priceB)],
    ['segmentScale > 0', fin(c.segmentScale) && c.segmentScale > 0],
  ];
  for (const [name, ok] of checks) if (!ok) problems.push(`${name} invalid`);
  if (problems.length > 0) hard = addUnique(hard, 'INCOMPLETE_INPUT');

  const mcOk =
    fin(c.mcStandardError) && c.mcStandardError >= 0 && c.mcStandardError <= di.maxMcStandardError;
  if (!mcOk) {
    hard = addUnique(hard, 'MC_ERROR_TOO_HIGH');
    problems.push(`MC standard error ${c.mcStandardError} > ${di.maxMcStandardError}`);
  }

  const minGames = config.sports[c.sport]?.minRatingGames ?? di.minRatingGames;
  const lowSample = c.ratingSample === null || !fin(c.ratingSample) || c.ratingSample < minGames;
  if (lowSample) {
    problems.push(`rating sample ${c.ratingSample ?? 'unknown'} < ${minGames} games`);
    if (di.lowSampleAction === 'block') hard = addUnique(hard, 'LOW_SAMPLE');
    else soft = addUnique(soft, 'LOW_SAMPLE');
  }

  if (c.decompositionFlags === null) {
    if (config.flags.ENABLE_DECOMPOSITION_LOGGING) {
      hard = addUnique(hard, 'INCOMPLETE_INPUT');
      problems.push('decomposition missing while ENABLE_DECOMPOSITION_LOGGING is on');
    } else {
      problems.push('decomposition skipped (ENABLE_DECOMPOSITION_LOGGING off)');
    }
  } else {
    if (c.decompositionFlags.includes('DOUBLE_COUNTING_LIKELY')) {
      soft = addUnique(soft, 'DOUBLE_COUNTING_LIKELY');
      problems.push('double counting likely (R5)');
    }
    for (const f of c.decompositionFlags)
      if (f !== 'DOUBLE_COUNTING_LIKELY') notes = addUnique(notes, f);
  }

  const fired = hard.length > c.hardReasons.length || soft.length > c.softTriggers.length;
  return withTrace(
    { ...c, hardReasons: hard, softTriggers: soft, notes },
    {
      layer: 'L1_DATA_INTEGRITY',
      input: {
        line: jsonNumber(c.line),
        projection: jsonNumber(c.projectionRaw),
        sd: jsonNumber(c.sd),
        pA: jsonNumber(c.pARaw),
        qA: jsonNumber(c.qA),
        pPush: jsonNumber(c.pPush),
        mcStandardError: jsonNumber(c.mcStandardError),
        ratingSample: jsonNumber(c.ratingSample),
        minRatingGames: di.minRatingGames,
        maxMcStandardError: di.maxMcStandardError,
        decompositionFlags: c.decompositionFlags === null ? null : [...c.decompositionFlags],
      },
      output: { hardReasons: [...hard], softTriggers: [...soft] },
      fired,
      detail: problems.length === 0 ? 'inputs complete' : problems.join('; '),
    },
  );
}
