/**
 * The alerting rules name only the metrics and label values the workers export (agreed names:
 * worker metrics and deploy/prometheus/alerts.yml are written apart), so a renamed metric
 * cannot silently leave an alert that never fires. promtool itself: test/deploy/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../../worker/env';

/** Metric → label → allowed values (null: any value). */
const EXPORTED: Record<string, Record<string, readonly string[] | null>> = {
  beatvegas_slate_runs_total: {
    sport: null,
    outcome: ['completed', 'failed', 'empty'],
    trigger: ['schedule', 'manual', 'backfill'],
  },
  beatvegas_games_priced_total: { sport: null },
  beatvegas_picks_total: { sport: null, state: ['PICK', 'LEAN', 'NO_PLAY'] },
  beatvegas_blocked_markets_total: { sport: null, reason: null },
  beatvegas_odds_quota_remaining: {},
  beatvegas_calibration_age_hours: { sport: null },
};

interface Rule {
  alert: string;
  expr: string;
}
const rules = (
  parse(fs.readFileSync(path.join(ROOT_DIR, 'deploy/prometheus/alerts.yml'), 'utf8')) as {
    groups: { rules: Rule[] }[];
  }
).groups.flatMap((g) => g.rules);

/** Every `beatvegas_*` selector of an expression with its `{label="value"}` matchers. */
function selectors(expr: string): { metric: string; matchers: [string, string][] }[] {
  return [...expr.matchAll(/\b(beatvegas_\w+)(?:\{([^}]*)\})?/g)].map((m) => ({
    metric: m[1]!,
    matchers: [...(m[2] ?? '').matchAll(/(\w+)\s*=~?\s*"([^"]*)"/g)].map(
      (x) => [x[1]!, x[2]!] as [string, string],
    ),
  }));
}

describe('alerts.yml metric names', () => {
  it('has the four alerts of issue 22 and uses only exported metrics, labels and values', () => {
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'BeatVegasSlateFailed',
        'BeatVegasScheduledSlateEmpty',
        'BeatVegasOddsQuotaLow',
        'BeatVegasCalibrationMissing',
      ]),
    );
    for (const rule of rules) {
      const used = selectors(rule.expr);
      expect(used.length, rule.alert).toBeGreaterThan(0);
      for (const { metric, matchers } of used) {
        const labels = EXPORTED[metric];
        expect(labels, `${rule.alert}: ${metric} is not exported`).toBeDefined();
        for (const [label, value] of matchers) {
          expect(Object.keys(labels!), `${rule.alert}: ${metric} has no label ${label}`).toContain(
            label,
          );
          const allowed = labels![label];
          if (allowed) expect(allowed, `${rule.alert}: ${metric}{${label}}`).toContain(value);
        }
      }
    }
  });

  it('catches a renamed metric or an unknown label value', () => {
    expect(selectors('x{outcome="failed", trigger="schedule"}')).toEqual([]);
    expect(selectors('sum(beatvegas_slate_runs_total{outcome="failed",trigger="cron"})')).toEqual([
      {
        metric: 'beatvegas_slate_runs_total',
        matchers: [
          ['outcome', 'failed'],
          ['trigger', 'cron'],
        ],
      },
    ]);
    expect(EXPORTED.beatvegas_slate_runs_total!.trigger).not.toContain('cron');
  });
});
