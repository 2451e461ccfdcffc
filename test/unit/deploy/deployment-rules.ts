/**
 * The properties a cold `docker compose up` depends on, as checks over the parsed compose file,
 * the Dockerfile text and .dockerignore (no Docker engine runs here). Each returns the list of
 * problems found, empty when the file is right; compose.test.ts runs them on the real files and
 * on broken copies, so that every rule is seen to fire. The rules live in compose-rules.ts,
 * dockerfile-rules.ts and pinned-images.ts; this module is their one entry point.
 */
export { composeProblems, scriptSearchAttributes, type ComposeContext } from './compose-rules';
export { dockerfileProblems, dockerignoreProblems, importClosure } from './dockerfile-rules';
export { isPinnedImage } from './pinned-images';
