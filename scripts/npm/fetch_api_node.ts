/**
 * The npm build's Node-only stand-in for src/core/fetch_api.ts: the
 * global `fetch` and `Headers` where the process has them, else those of
 * node-fetch, loaded on first use. Node 18 started with
 * `--no-experimental-fetch` has neither.
 *
 * build_npm.ts compiles this file as the CommonJS module of `#fetch_api`
 * under the `node` condition, and its twin fetch_api_node_esm.ts as the
 * ES module. Other runtimes and bundlers that do not target Node get the
 * Web-only module instead.
 *
 * @module
 */

import type { FetchApi } from "../../src/core/fetch_api.ts";

// CommonJS `require`, declared here so that this file type-checks without
// Node's type declarations.
declare const require: (id: string) => unknown;

// node-fetch 2 exports its fetch function with the classes as properties.
type NodeFetch = NonNullable<FetchApi["fetch"]> & { Headers: typeof Headers };

// The name sits in a variable so that a bundler targeting Node (esbuild,
// webpack) leaves the package out: it cannot follow a computed require,
// and the bundle never needs node-fetch on a Node that has fetch.
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

  const nodeFetch = require(NODE_FETCH) as NodeFetch;
  fallback = { fetch: nodeFetch, Headers: nodeFetch.Headers };
  return fallback;
}
