/**
 * The ES module twin of fetch_api_node.ts, the npm build's Node-only
 * stand-in for src/core/fetch_api.ts: the global `fetch` and `Headers`
 * where the process has them, else node-fetch's, loaded on first use
 * through a `require` made with `createRequire`.
 *
 * It exists because an ES module that imports a CommonJS file makes Node
 * bring up its CommonJS loader and lexer: about 4 ms of every cold start
 * that imports the package (`deno task bench`), against under 1 ms for
 * this file. build_npm.ts compiles it as the ES module of `#fetch_api`
 * under the `node` condition, and fetch_api_node.ts as the CommonJS one.
 *
 * @module
 */

import { createRequire } from "node:module";
import type { FetchApi } from "../../src/core/fetch_api.ts";

// node-fetch 2 exports its fetch function with the classes as properties.
type NodeFetch = NonNullable<FetchApi["fetch"]> & { Headers: typeof Headers };

// In a variable, as in fetch_api_node.ts: a bundler targeting Node leaves
// the package out, and the bundle never needs node-fetch where fetch is.
const NODE_FETCH = "node-fetch";

let fallback: FetchApi | undefined;

/**
 * Returns the global `fetch` and `Headers`, or node-fetch's where the
 * process has no global fetch. node-fetch is required only then, once.
 *
 * @returns The pieces of the Fetch API the client uses.
 * @throws {Error} When the process has no fetch and node-fetch, a
 * dependency of this package, cannot be loaded.
 */
export function fetchApi(): FetchApi {
  const g = globalThis as {
    fetch?: FetchApi["fetch"];
    Headers?: typeof Headers;
  };
  if (typeof g.fetch === "function") {
    return { fetch: g.fetch, Headers: g.Headers };
  }
  if (fallback !== undefined) return fallback;

  const require = createRequire(import.meta.url);
  const nodeFetch = require(NODE_FETCH) as NodeFetch;
  fallback = { fetch: nodeFetch, Headers: nodeFetch.Headers };
  return fallback;
}
