/** Whether an image reference names an exact version: the rule compose and the Dockerfile share. */

/** Exact version tag: 1.29.1, 20.20.2-bookworm-slim, 1.29.1-tctl-1.18.4-cli-1.5.0. */
const EXACT_TAG = /^v?\d+\.\d+\.\d+(?:[-.][A-Za-z0-9.-]+)?$/;
/** PostgreSQL numbers releases major.minor since 10: 15.18 and 15.18-bookworm are exact. */
const EXACT_POSTGRES_TAG = /^\d+\.\d+(?:-[a-z0-9]+)?$/;

/** True if `image` names an exact version (never `latest`, never a bare major or minor). */
export function isPinnedImage(image: string): boolean {
  const at = image.lastIndexOf(':');
  if (at < 0 || image.slice(at).includes('/')) return false;
  const tag = image.slice(at + 1);
  if (/^(?:docker\.io\/)?(?:library\/)?postgres$/.test(image.slice(0, at))) {
    return EXACT_POSTGRES_TAG.test(tag);
  }
  return EXACT_TAG.test(tag);
}
