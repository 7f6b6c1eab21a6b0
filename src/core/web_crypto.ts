/**
 * Where the helpers find WebCrypto: signatures, PKCE, sealed sessions and
 * access tokens all go through {@link webCrypto}.
 *
 * This is the second seam between the SDK and its runtime, beside
 * fetch_api.ts. The npm build replaces this module, under Node only, with
 * one that takes WebCrypto from `node:crypto` where the process has no
 * global `crypto` (Node 18 by default). Everywhere else, Deno and Bun
 * running this source included, the global is used.
 *
 * @module
 */

/**
 * Returns the runtime's WebCrypto. It is read on every call rather than
 * at import, so a polyfill installed later is used.
 *
 * jose and iron-webcrypto read the global `crypto` themselves, so the
 * helpers call this before calling them too: here it only fails early
 * with a clear message, and the npm build's Node module puts a global in
 * place for them.
 *
 * @returns The global `crypto`.
 * @throws {TypeError} When the runtime has no global `crypto.subtle`.
 */
export function webCrypto(): Crypto {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  if (crypto?.subtle === undefined) {
    throw new TypeError(
      "Cannot use WebCrypto as this runtime has no global crypto.subtle: run in a runtime with WebCrypto (a browser has it on https pages only)",
    );
  }
  return crypto;
}
