/**
 * The alerting rules under Prometheus's own checker: `promtool check rules` on
 * deploy/prometheus/alerts.yml and `promtool test rules` on its recorded series and expected
 * alerts (alerts.test.yml), plus a broken copy that the same tests must reject.
 * promtool is built by scripts/ensure-promtool.sh into .tools/bin (CI runs it before the tests).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../worker/env';

const PROMTOOL = path.join(ROOT_DIR, '.tools', 'bin', 'promtool');
const RULES_DIR = path.join(ROOT_DIR, 'deploy', 'prometheus');

function promtool(args: string[], cwd = RULES_DIR): { status: number | null; output: string } {
  if (!fs.existsSync(PROMTOOL)) {
    throw new Error(`${PROMTOOL} is missing: run \`bash scripts/ensure-promtool.sh\` first`);
  }
  const result = spawnSync(PROMTOOL, args, { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('deploy/prometheus/alerts.yml under promtool', () => {
  it('is a valid rules file', () => {
    const { status, output } = promtool(['check', 'rules', 'alerts.yml']);
    expect(output).toContain('SUCCESS: 5 rules found');
    expect(status).toBe(0);
  });

  it('fires exactly the expected alerts on the recorded series', () => {
    const { status, output } = promtool(['test', 'rules', 'alerts.test.yml']);
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
  });

  it('the same tests reject a rule with the wrong threshold', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beatvegas-alerts-'));
    try {
      const rules = fs.readFileSync(path.join(RULES_DIR, 'alerts.yml'), 'utf8');
      const broken = rules.replace(
        'beatvegas_calibration_age_hours) > 25',
        'beatvegas_calibration_age_hours) > 27',
      );
      expect(broken).not.toBe(rules);
      fs.writeFileSync(path.join(dir, 'alerts.yml'), broken);
      fs.copyFileSync(path.join(RULES_DIR, 'alerts.test.yml'), path.join(dir, 'alerts.test.yml'));
      const { status, output } = promtool(['test', 'rules', 'alerts.test.yml'], dir);
      expect(output).toMatch(/FAILED[\s\S]*BeatVegasCalibrationMissing/);
      expect(status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
