/** Process environment shared by the worker and the CLI (SPEC §1 Environment). */
import path from 'node:path';
import { readSecretEnv } from '../db/secret-env';

export const ROOT_DIR = path.resolve(__dirname, '..');

export function temporalAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEMPORAL_ADDRESS && env.TEMPORAL_ADDRESS.length > 0
    ? env.TEMPORAL_ADDRESS
    : '127.0.0.1:7233';
}

export function temporalNamespace(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEMPORAL_NAMESPACE && env.TEMPORAL_NAMESPACE.length > 0
    ? env.TEMPORAL_NAMESPACE
    : 'default';
}

/** The Temporal Web UI of the dev server (`temporal server start-dev` serves it on :8233). */
export function temporalUiUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEMPORAL_UI_URL && env.TEMPORAL_UI_URL.length > 0
    ? env.TEMPORAL_UI_URL
    : 'http://localhost:8233';
}

/** Link to one workflow execution in the UI. */
export function workflowUiLink(workflowId: string, env: NodeJS.ProcessEnv = process.env): string {
  return `${temporalUiUrl(env)}/namespaces/${encodeURIComponent(temporalNamespace(env))}/workflows/${encodeURIComponent(workflowId)}`;
}

/**
 * The Odds API key: `ODDS_API_KEY`, or the content of the file named by `ODDS_API_KEY_FILE`
 * (a Docker secret); null when neither is set. Throws SecretConfigError when the file is
 * missing or empty, so a worker given a key file that is not there refuses to start.
 */
export function oddsApiKey(env: NodeJS.ProcessEnv = process.env): string | null {
  return readSecretEnv('ODDS_API_KEY', env);
}
