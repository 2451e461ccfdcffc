/**
 * Secrets from the environment, Docker style: `NAME` holds the value itself, or `NAME_FILE`
 * names a file holding it (compose mounts secret files under /run/secrets). Lives beside the
 * database URL because db/ is the lowest layer that reads the process environment; the worker
 * and the CLI read the odds key through the same rules.
 */
import fs from 'node:fs';

/** A secret that was asked for in a way that cannot be honoured (missing or empty file, both forms set). */
export class SecretConfigError extends Error {
  override name = 'SecretConfigError';
}

/**
 * The secret `name`: the trimmed content of the file named by `${name}_FILE` when that is set,
 * else `${name}` itself, else null (neither set, or set to the empty string).
 * Throws SecretConfigError when `${name}_FILE` is set and the file is missing, unreadable or
 * blank — a worker started with a secret file that is not there must stop at once, not run
 * half-working — and when both forms are set (which one wins would be a guess).
 */
export function readSecretEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const fileVar = `${name}_FILE`;
  const file = env[fileVar];
  const direct = env[name];
  if (file === undefined || file === '')
    return direct === undefined || direct === '' ? null : direct;
  if (direct !== undefined && direct !== '') {
    throw new SecretConfigError(`${name} and ${fileVar} are both set; set only one of them`);
  }
  return readSecretFile(fileVar, file);
}

/**
 * The trimmed content of the secret file `file`, named in messages by the variable `variable`
 * that pointed to it. Throws SecretConfigError when it is missing, unreadable or blank.
 */
export function readSecretFile(variable: string, file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new SecretConfigError(`${variable}=${file}: the file ${why}`);
  }
  // Editors and `echo` leave a trailing newline; no key or password ends with whitespace.
  const value = text.trim();
  if (value === '') throw new SecretConfigError(`${variable}=${file}: the file is empty`);
  return value;
}
