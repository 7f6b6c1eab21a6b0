/**
 * The helpers' npm dependencies, loaded on first use. Importing jose (46
 * modules) and iron-webcrypto took more time than the rest of the SDK
 * together (about 30 ms of a 60 ms Node cold start, `deno task bench`),
 * and a process that never verifies a token or opens a session cookie
 * should not pay it.
 *
 * @module
 */

type Jose = typeof import("jose");
type Iron = typeof import("iron-webcrypto");

let jose: Promise<Jose> | undefined;
let iron: Promise<Iron> | undefined;

/** jose, imported once on first call. */
export function loadJose(): Promise<Jose> {
  return jose ??= import("jose");
}

/** iron-webcrypto, imported once on first call. */
export function loadIron(): Promise<Iron> {
  return iron ??= import("iron-webcrypto");
}
