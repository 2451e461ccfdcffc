/**
 * Calibration report: simulates each sport at its league-average inputs and prints the
 * moments the parameters were tuned against (compare with the sport modules' source notes).
 * Usage: npx tsx bench/calibrate.ts [iterations]
 */
import { ENGINES, simulateGame } from '../core/sim/engine';
import { SPORTS } from '../core/sports';
import type { SegmentRequest } from '../core/sim/types';

const iterations = Number(process.argv[2] ?? 200_000);
const out: Record<string, unknown> = {};
for (const sport of SPORTS) {
  const engine = ENGINES[sport];
  const derivatives: SegmentRequest[] = Object.keys(engine.segments).map((m) => ({
    market: m as SegmentRequest['market'],
    totalLines: [],
  }));
  const t0 = performance.now();
  const s = simulateGame({
    sport,
    gameId: `calibration:${sport}`,
    seed: 'calibration',
    iterations,
    inputs: engine.leagueAverage,
    totalLines: [],
    spreadLines: [],
    derivatives,
  });
  const ms = performance.now() - t0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  out[sport] = {
    input: engine.leagueAverage,
    home: r(s.full.home.mean),
    away: r(s.full.away.mean),
    total: r(s.full.total.mean),
    totalSd: r(s.full.total.sd),
    marginMean: r(s.full.margin.mean),
    marginSd: r(s.full.margin.sd),
    pHomeWin: r(s.full.pHomeWin),
    decomposition: Object.fromEntries(
      Object.entries(s.decomposition).map(([k, v]) => [k, r(v as number)]),
    ),
    segments: Object.fromEntries(
      Object.entries(s.derivatives).map(([k, v]) => [
        k,
        { total: r(v.total.mean), totalSd: r(v.total.sd), marginSd: r(v.margin.sd) },
      ]),
    ),
    ms: Math.round(ms),
  };
}
console.log(JSON.stringify(out, null, 1));
