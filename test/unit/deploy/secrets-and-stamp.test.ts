/**
 * What a container reads from its environment at start: secrets from Docker secret files
 * (ODDS_API_KEY_FILE, DATABASE_PASSWORD_FILE) and the git stamp passed in by the image build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../../../db/connection';
import { readSecretEnv, SecretConfigError } from '../../../db/secret-env';
import { oddsApiKey } from '../../../worker/env';
import { gitStamp, GitStampError } from '../../../worker/versions';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beatvegas-secrets-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
function secretFile(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('ODDS_API_KEY / ODDS_API_KEY_FILE', () => {
  it('reads the key from the file, without the trailing newline a secret file usually has', () => {
    const file = secretFile('odds_api_key', '  k3y-from-file\n');
    expect(oddsApiKey({ ODDS_API_KEY_FILE: file })).toBe('k3y-from-file');
  });

  it('still takes the key itself, and is null when neither is set', () => {
    expect(oddsApiKey({ ODDS_API_KEY: 'plain' })).toBe('plain');
    expect(oddsApiKey({})).toBeNull();
    expect(oddsApiKey({ ODDS_API_KEY: '', ODDS_API_KEY_FILE: '' })).toBeNull();
  });

  it('refuses a missing or empty file with a message naming the variable and the path', () => {
    const missing = path.join(dir, 'nope');
    expect(() => oddsApiKey({ ODDS_API_KEY_FILE: missing })).toThrow(SecretConfigError);
    expect(() => oddsApiKey({ ODDS_API_KEY_FILE: missing })).toThrow(
      `ODDS_API_KEY_FILE=${missing}: the file does not exist`,
    );
    const blank = secretFile('blank', ' \n\n');
    expect(() => oddsApiKey({ ODDS_API_KEY_FILE: blank })).toThrow(
      `ODDS_API_KEY_FILE=${blank}: the file is empty`,
    );
    expect(() => oddsApiKey({ ODDS_API_KEY_FILE: dir })).toThrow(/cannot be read \(EISDIR\)/);
  });

  it('refuses both forms at once rather than guess which one wins', () => {
    const file = secretFile('odds_both', 'a');
    expect(() =>
      readSecretEnv('ODDS_API_KEY', { ODDS_API_KEY: 'b', ODDS_API_KEY_FILE: file }),
    ).toThrow(/both set/);
  });
});

describe('DATABASE_PASSWORD_FILE', () => {
  it('puts the password into the URL so that pg reads it back byte for byte', () => {
    const password = 'p@ss:w/o%rd #1?';
    const file = secretFile('db_password', `${password}\n`);
    const url = databaseUrl({
      DATABASE_URL: 'postgres://beatvegas_app@postgres:5432/beatvegas',
      DATABASE_PASSWORD_FILE: file,
    });
    const client = new pg.Client({ connectionString: url }); // parses only; never connects
    expect(client.password).toBe(password);
    expect([client.user, client.host, client.port, client.database]).toEqual([
      'beatvegas_app',
      'postgres',
      5432,
      'beatvegas',
    ]);
  });

  it('leaves DATABASE_URL alone without the file, and refuses two passwords or a missing file', () => {
    expect(databaseUrl({ DATABASE_URL: 'postgres://u:pw@h/db' })).toBe('postgres://u:pw@h/db');
    const file = secretFile('db_password2', 'x');
    expect(() =>
      databaseUrl({ DATABASE_URL: 'postgres://u:pw@h/db', DATABASE_PASSWORD_FILE: file }),
    ).toThrow(/keep only the file/);
    expect(() =>
      databaseUrl({ DATABASE_URL: 'postgres://u@h/db', DATABASE_PASSWORD_FILE: `${file}.gone` }),
    ).toThrow(/DATABASE_PASSWORD_FILE=.*does not exist/);
  });
});

describe('gitStamp', () => {
  const noGit = () => {
    throw new Error('git must not be asked when the image build passed the commit');
  };

  it('prefers BEATVEGAS_GIT_COMMIT (set by the image build) and never runs git then', () => {
    const sha = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678';
    expect(gitStamp({ BEATVEGAS_GIT_COMMIT: sha }, noGit)).toEqual({
      gitCommit: sha.toLowerCase(),
      gitDirty: null,
    });
    expect(
      gitStamp({ BEATVEGAS_GIT_COMMIT: 'abc1234', BEATVEGAS_GIT_DIRTY: 'true' }, noGit),
    ).toEqual({ gitCommit: 'abc1234', gitDirty: true });
    expect(
      gitStamp({ BEATVEGAS_GIT_COMMIT: 'abc1234', BEATVEGAS_GIT_DIRTY: 'false' }, noGit).gitDirty,
    ).toBe(false);
  });

  it('falls back to the checkout, and to unknown without git (the slim image case)', () => {
    const fakeGit = (args: string[]) => (args[0] === 'rev-parse' ? 'f'.repeat(40) : ' M core/x.ts');
    expect(gitStamp({ BEATVEGAS_GIT_COMMIT: '' }, fakeGit)).toEqual({
      gitCommit: 'f'.repeat(40),
      gitDirty: true,
    });
    expect(gitStamp({}, () => null)).toEqual({ gitCommit: 'unknown', gitDirty: null });
  });

  it('refuses a malformed stamp at start', () => {
    expect(() => gitStamp({ BEATVEGAS_GIT_COMMIT: 'unknown' }, noGit)).toThrow(GitStampError);
    expect(() => gitStamp({ BEATVEGAS_GIT_COMMIT: '$(git rev-parse HEAD)' }, noGit)).toThrow(
      /not a commit hash/,
    );
    expect(() =>
      gitStamp({ BEATVEGAS_GIT_COMMIT: 'abc1234', BEATVEGAS_GIT_DIRTY: 'yes' }, noGit),
    ).toThrow(/expected true, false or unset/);
  });
});
