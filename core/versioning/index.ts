/** R9 versioning: canonical JSON, hashes and the version stamp. */
export { CanonicalJsonError, canonicalJson } from './canonical-json';
export { configHash, modelHash, sha256Hex, type ModelHashParts } from './hash';
export { VersionStampError, buildVersionStamp, type VersionStamp } from './version-stamp';
