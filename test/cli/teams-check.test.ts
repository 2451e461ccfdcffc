/**
 * `beatvegas teams check`: what an operator runs before a season. Names come from an
 * Odds-API-shaped `/participants` and `/events`; anything the registry cannot resolve is listed
 * and the command exits 1.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.join(__dirname, '../../bin/beatvegas.cjs');
let participants: { full_name: string; id: string }[] = [];
let events: { home_team: string; away_team: string }[] = [];
let server: http.Server;
let url: string;

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ODDS_API_BASE_URL: url, ODDS_API_KEY: 'teams-check-key' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const body = u.pathname.endsWith('/participants')
      ? participants
      : u.pathname.endsWith('/events')
        ? events.map((e, i) => ({
            id: `ev${i}`,
            sport_key: 'americanfootball_nfl',
            commence_time: '2026-12-06T18:00:00Z',
            ...e,
          }))
        : null;
    res.writeHead(body === null ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { message: 'no', error_code: 'NOT_FOUND' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

describe('beatvegas teams check', () => {
  it('exits 0 when every participant and event team resolves', async () => {
    participants = [
      { full_name: 'Kansas City Chiefs', id: 'par_1' },
      { full_name: 'Las Vegas Raiders', id: 'par_2' },
      { full_name: 'Washington Commanders', id: 'par_3' },
    ];
    events = [{ home_team: 'Kansas City Chiefs', away_team: 'Las Vegas Raiders' }];
    const r = await run(['teams', 'check', '--sport', 'nfl', '--date', '2026-12-02', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { checked: number; unresolved: unknown[] };
    expect(out).toMatchObject({ checked: 3, unresolved: [] });
  });

  it('lists every name that does not resolve and exits 1', async () => {
    participants = [
      { full_name: 'Kansas City Chiefs', id: 'par_1' },
      { full_name: 'Oakland Raiders', id: 'par_2' },
    ];
    events = [{ home_team: 'Springfield Atoms', away_team: 'Kansas City Chiefs' }];
    const r = await run(['teams', 'check', '--sport', 'nfl', '--date', '2026-12-02']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('2 do not resolve');
    expect(r.stdout).toContain(
      'OUT_OF_SEASON  NFL team "Oakland Raiders" is not valid in season 2026',
    );
    expect(r.stdout).toContain(
      'UNKNOWN_TEAM  NFL team "Springfield Atoms" is not in the team registry',
    );
  });

  it('refuses a source it cannot read (exit 2)', async () => {
    const r = await run(['teams', 'check', '--sport', 'nfl', '--source', 'history']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--source');
  });
});
