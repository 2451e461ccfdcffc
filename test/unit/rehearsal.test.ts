/**
 * The pure parts of the production rehearsal (scripts/rehearsal): the server version and config
 * it derives from docker-compose.yml, its port layout, and the /proc CPU accounting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CpuGroup, machineCpuSeconds, processCpuSeconds } from '../../scripts/rehearsal/cpu';
import { composeTemporalVersion } from '../../scripts/rehearsal/temporal-build';
import {
  DYNAMIC_CONFIG_FILE,
  serverConfigYaml,
  servicePorts,
} from '../../scripts/rehearsal/temporal-server';

const ROOT = path.join(__dirname, '../..');
const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');

describe('rehearsal server version and config follow docker-compose.yml', () => {
  it('builds the Temporal version compose runs', () => {
    const image = /temporalio\/(?:auto-setup|server):v?([\d.]+)/.exec(compose);
    expect(image).not.toBeNull();
    expect(composeTemporalVersion(compose)).toBe(image![1]);
    expect(composeTemporalVersion('image: temporalio/server:1.30.0\n')).toBe('1.30.0');
    expect(() => composeTemporalVersion('image: temporalio/auto-setup:latest\n')).toThrow(
      /names no temporalio/,
    );
  });

  it('uses the persistence plugin and dynamic config file compose gives the server', () => {
    // compose: DB=postgres12 and deploy/temporal-dynamic-config.yaml mounted as the dynamic config
    expect(compose).toMatch(/DB: postgres12/);
    expect(compose).toContain(path.relative(ROOT, DYNAMIC_CONFIG_FILE));
    const yaml = serverConfigYaml({
      pg: { host: '127.0.0.1', port: 5432, user: 'postgres', password: '' },
      database: 'rh_temporal',
      visibilityDatabase: 'rh_temporal_visibility',
      basePort: 7350,
    });
    expect(yaml.match(/pluginName: "postgres12"/g)).toHaveLength(2);
    expect(yaml).toContain('defaultStore: default');
    expect(yaml).toContain('visibilityStore: visibility');
    expect(yaml).toContain('databaseName: "rh_temporal"');
    expect(yaml).toContain('databaseName: "rh_temporal_visibility"');
    expect(yaml).toContain(`filepath: ${JSON.stringify(DYNAMIC_CONFIG_FILE)}`);
    expect(yaml).toContain('numHistoryShards: 4');
    expect(yaml).not.toMatch(/\t/);
  });

  it('binds nine distinct ports from the frontend port up, and only those', () => {
    const ports = Object.values(servicePorts(7350));
    expect(new Set(ports).size).toBe(9);
    expect(Math.min(...ports)).toBe(7350);
    expect(Math.max(...ports)).toBe(7358);
    const yaml = serverConfigYaml({
      pg: { host: 'h', port: 1, user: 'u', password: 'p' },
      database: 'a',
      visibilityDatabase: 'b',
      basePort: 7350,
    });
    const bound = [...yaml.matchAll(/(?:grpcPort|membershipPort|httpPort): (\d+)/g)].map((m) =>
      Number(m[1]),
    );
    expect(bound.sort()).toEqual([...ports].sort());
  });
});

describe('rehearsal CPU accounting (/proc)', () => {
  it('reads this process’s CPU, which grows with work; a missing pid reads null', () => {
    const before = processCpuSeconds(process.pid);
    expect(before).not.toBeNull();
    const until = performance.now() + 300;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(processCpuSeconds(process.pid)!).toBeGreaterThan(before!);
    expect(processCpuSeconds(2 ** 22 + 12345)).toBeNull();
  });

  it('a group counts a process from its first sample, or from zero if it started in the window', () => {
    const g = new CpuGroup('test');
    g.sample([process.pid]);
    expect(g.seconds()).toBe(0);
    const until = performance.now() + 200;
    while (performance.now() < until) Math.sqrt(Math.random());
    g.sample([process.pid], true); // already seen: its first sample stays the baseline
    const used = g.seconds();
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThan(processCpuSeconds(process.pid)!);
    const fresh = new CpuGroup('fresh');
    fresh.sample([process.pid], true);
    expect(fresh.seconds()).toBeGreaterThan(0);
    expect(fresh.seconds()).toBeLessThanOrEqual(processCpuSeconds(process.pid)!);
    expect(fresh.processes()).toBe(1);
  });

  it('machine busy time is at most its total time', () => {
    const m = machineCpuSeconds();
    expect(m.busy).toBeGreaterThan(0);
    expect(m.busy).toBeLessThanOrEqual(m.total);
  });
});
