/**
 * The npm build's Node-only stand-in for src/core/web_crypto.ts: the
 * global `crypto` where the process has one, else `node:crypto`'s
 * `webcrypto`, which is then also made the global. Node 18 has WebCrypto
 * only there unless started with `--experimental-global-webcrypto`.
 *
 * The global is set because jose and iron-webcrypto read `crypto` from
 * the global scope themselves and take no other. It is set on the first
 * call, when a helper first needs WebCrypto, not at import: the package
 * is `sideEffects: false`, and an application that never uses the
 * helpers keeps its global scope as it was.
 *
 * build_npm.ts compiles this file to an ES module and to CommonJS, and the
 * package's `imports` map hands them out for `#web_crypto` under the
 * `node` condition. The import of `node:crypto` is static so that an
 * application bundled into one ES module for Node, which has no
 * `require`, still loads it. Other runtimes and bundlers that do not
 * target Node get the Web-only module, which never names `node:crypto`.
 *
 * @module
 */

import { webcrypto } from "node:crypto";

/**
 * Returns the global WebCrypto, or `node:crypto`'s where the process has
 * no global `crypto`, installing it as the global for the libraries the
 * helpers use.
 *
 * @returns The WebCrypto the helpers use.
 */
export function webCrypto(): Crypto {
  const g = globalThis as { crypto?: Crypto };
  if (g.crypto?.subtle !== undefined) return g.crypto;

  const nodeCrypto = webcrypto as Crypto;
  // A global the application set, even one without subtle, is its own.
  if (g.crypto === undefined) {
    Object.defineProperty(globalThis, "crypto", {
      value: nodeCrypto,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return nodeCrypto;
}
