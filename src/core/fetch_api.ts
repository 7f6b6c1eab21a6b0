/**
 * Where the client finds `fetch` and `Headers` when no `fetcher` is given.
 *
 * This is the one seam between the core and its runtime. The npm build
 * replaces this module, under Node only, with one that falls back to
 * node-fetch where the process has no global fetch (Node 18 started with
 * `--no-experimental-fetch`, which also removes `Headers`). Everywhere
 * else, Deno and Bun running this source included, the globals are used.
 *
 * @module
 */

import type { Fetcher } from "./options.ts";

/** The pieces of the Fetch API the client takes from its runtime. */
export interface FetchApi {
  /** The global `fetch`, or `undefined` where the runtime has none. */
  fetch: Fetcher | undefined;
  /** The global `Headers` class, or `undefined` where there is none. */
  Headers: typeof Headers | undefined;
}

/**
 * Returns the runtime's `fetch` and `Headers`. They are read on every call
 * rather than at import, so a stub or polyfill installed later is used.
 *
 * @returns The globals, either of which may be missing.
 */
export function fetchApi(): FetchApi {
  const g = globalThis as {
    fetch?: Fetcher;
    Headers?: typeof Headers;
  };
  return { fetch: g.fetch, Headers: g.Headers };
}
