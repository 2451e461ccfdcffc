/**
 * The verify step under the run's configuration (verifySlate, core/pipeline/verify-slate.ts):
 * the configuration's markets, integrity settings and ENABLE_MARKET_INTEGRITY are what the
 * verdicts use, and the summary is what the workflow's later steps read.
 */
import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../../core/effective-config';
import { verdictSummary, verifySlate, verifySlateLines } from '../../../core/pipeline/verify-slate';
import type { GameRecord, MarketQuote } from '../../../core/types';

const ASOF = '2023-12-10T09:00:00.000Z';

function game(home: string, away: string): GameRecord {
  return {
    gameId: `nfl:2023:2023-12-10:${away}@${home}`,
    sport: 'nfl',
    season: 2023,
    gameDate: '2023-12-10',
    commenceTime: '2023-12-10T18:00:00.000Z',
    homeTeam: home,
    awayTeam: away,
    neutralSite: false,
    homeScore: null,
    awayScore: null,
    homePeriods: null,
    awayPeriods: null,
    overtime: null,
    meta: {},
  };
}

function quotes(g: GameRecord): MarketQuote[] {
  return ['b1', 'b2', 'b3'].flatMap((bookmaker) => [
    {
      gameId: g.gameId,
      bookmaker,
      market: 'totals' as const,
      lineKey: '',
      pointA: 44.5,
      priceA: -110,
      pointB: 44.5,
      priceB: -110,
      lastUpdate: '2023-12-10T08:50:00.000Z',
    },
    {
      gameId: g.gameId,
      bookmaker,
      market: 'spreads' as const,
      lineKey: '',
      pointA: -3,
      priceA: -110,
      pointB: 3,
      priceB: -110,
      lastUpdate: '2023-12-10T08:50:00.000Z',
    },
  ]);
}

const A = game('KC', 'BUF');
const B = game('LAC', 'DEN');
const C = game('DAL', 'PHI');
const GAMES = [A, B, C];
const QUOTES = GAMES.flatMap(quotes);

describe('verifySlate', () => {
  it("is verifySlateLines under the config's markets, integrity and flag, with its summary", () => {
    for (const integrity of [true, false]) {
      const base = defaultRunConfig('nfl');
      const config = {
        ...base,
        safety: {
          ...base.safety,
          flags: { ...base.safety.flags, ENABLE_MARKET_INTEGRITY: integrity },
        },
      };
      const { verdicts, summary } = verifySlate({
        sport: 'nfl',
        games: GAMES,
        quotes: QUOTES,
        asOf: ASOF,
        live: false,
        quarantinedGameIds: [B.gameId],
        unknownTeams: [{ gameId: C.gameId, reason: 'no such team' }],
        config,
      });
      expect(verdicts).toEqual(
        verifySlateLines({
          sport: 'nfl',
          games: GAMES,
          quotes: QUOTES,
          asOf: ASOF,
          live: false,
          requestedMarkets: config.markets,
          quarantinedGameIds: [B.gameId],
          unknownTeams: [{ gameId: C.gameId, reason: 'no such team' }],
          enabled: integrity,
          integrity: config.integrity,
        }),
      );
      const s = verdictSummary(
        GAMES.map((g) => g.gameId),
        verdicts,
      );
      expect(summary).toEqual({
        games: 3,
        verifiedGameIds: s.verifiedGameIds,
        blockedGameIds: s.blockedGameIds,
        marketsChecked: verdicts.length,
        marketsBlocked: s.marketsBlocked,
        reasons: s.reasons,
      });
      expect(summary.verifiedGameIds).toEqual([A.gameId]);
      // Every requested market of a quarantined game or one with an unknown team is blocked.
      expect(summary.blockedGameIds).toEqual(expect.arrayContaining([B.gameId, C.gameId]));
      expect(verdicts.filter((v) => v.gameId === B.gameId)).toHaveLength(config.markets.length);
      expect(summary.reasons.INVALID_PAYLOAD).toBe(config.markets.length);
      expect(summary.reasons.UNKNOWN_TEAM).toBe(config.markets.length);
    }
  });

  it('runs recorded before quarantine and unknown teams existed block nothing for them', () => {
    const q = { sport: 'nfl' as const, games: GAMES, quotes: QUOTES, asOf: ASOF, live: false };
    const config = defaultRunConfig('nfl');
    expect(verifySlate({ ...q, config })).toEqual(
      verifySlate({ ...q, config, quarantinedGameIds: [], unknownTeams: [] }),
    );
    const { summary } = verifySlate({ ...q, config });
    expect(summary.reasons.INVALID_PAYLOAD).toBeUndefined();
    expect(summary.reasons.UNKNOWN_TEAM).toBeUndefined();
  });
});
