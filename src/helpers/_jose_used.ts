/**
 * The parts of jose the helpers use, loaded through `loadJose` in
 * _lazy_deps.ts. Named here so that a bundler keeps only these, which it
 * cannot do for a dynamic import of the whole package.
 *
 * @module
 */

export { createLocalJWKSet, errors, jwtVerify } from "jose";
