/**
 * The parts of iron-webcrypto the helpers use, loaded through `loadIron`
 * in _lazy_deps.ts. Named here so that a bundler keeps only these, which
 * it cannot do for a dynamic import of the whole package.
 *
 * @module
 */

export { defaults, seal, unseal } from "iron-webcrypto";
