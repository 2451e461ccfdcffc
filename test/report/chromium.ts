/**
 * Headless Chromium for the report's browser test, through its plain command line (no
 * puppeteer/playwright dependency). Finds the browser, or installs Debian's `chromium` when the
 * test runs as root with apt (as CI does), or says why it cannot.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((c) => fs.existsSync(c)) ?? null;
}

/** The browser's path, installing it with apt-get if possible; otherwise why not. */
export function ensureChromium(): { path: string } | { skip: string } {
  const found = findChromium();
  if (found) return { path: found };
  const root = process.getuid?.() === 0;
  if (!root || !fs.existsSync('/usr/bin/apt-get'))
    return {
      skip: `chromium not found (${CANDIDATES.join(', ')}, $CHROMIUM_PATH) and cannot be installed here (needs root and apt-get)`,
    };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { env, stdio: 'ignore', timeout: 120_000 });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      env,
      stdio: 'ignore',
      timeout: 300_000,
    });
  } catch (error) {
    return { skip: `chromium not found and apt-get install chromium failed: ${String(error)}` };
  }
  const installed = findChromium();
  return installed
    ? { path: installed }
    : { skip: 'apt-get installed chromium but no binary found' };
}

export interface BrowserRun {
  stdout: string;
  stderr: string;
}

/** Runs headless Chromium on `url` with extra flags, isolated and offline-friendly. */
export function runHeadless(
  browser: string,
  url: string,
  flags: readonly string[],
  timeoutMs = 60_000,
): Promise<BrowserRun> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bv-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    '--enable-logging=stderr',
    '--v=0',
    `--user-data-dir=${profile}`,
    ...flags,
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      browser,
      args,
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        fs.rmSync(profile, { recursive: true, force: true });
        if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}

/**
 * Page-level messages in Chromium's log (`INFO:CONSOLE:1] "Uncaught Error: …"`): the report page
 * has no script, so any console line, uncaught error, blocked load or network error is a defect.
 */
export function consoleErrors(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /Uncaught|CONSOLE[:(]\d+|Refused to|net::ERR_/i.test(l));
}
