/**
 * The helpers' npm dependencies, loaded on first use. Importing jose (46
 * modules) and iron-webcrypto took more time than the rest of the SDK
 * together (about 30 ms of a 60 ms Node cold start, `deno task bench`),
 * and a process that never verifies a token or opens a session cookie
 * should not pay it. Each is reached through a module that names the
 * functions used, so that bundles keep only those.
 *
 * @module
 */

type Jose = typeof import("./_jose_used.ts");
type Iron = typeof import("./_iron_used.ts");

let jose: Promise<Jose> | undefined;
let iron: Promise<Iron> | undefined;

/** jose, imported once on first call. */
export function loadJose(): Promise<Jose> {
  return jose ??= import("./_jose_used.ts");
}

/** iron-webcrypto, imported once on first call. */
export function loadIron(): Promise<Iron> {
  return iron ??= import("./_iron_used.ts");
}
