import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CoreClient } from "../../src/core/core_client.ts";
import { fetchApi } from "../../src/core/fetch_api.ts";

// Simulates a runtime without the Fetch API globals, such as Node 18 run
// with --no-experimental-fetch, by hiding them for one test at a time.
function hideGlobals(names: Array<"fetch" | "Headers">): () => void {
  const g = globalThis as Record<string, unknown>;
  const saved = names.map((name) => [name, g[name]] as const);
  for (const name of names) delete g[name];
  return () => {
    for (const [name, value] of saved) g[name] = value;
  };
}

describe("the runtime's Fetch API", () => {
  let restore: (() => void) | undefined;
  beforeEach(() => {
    restore = undefined;
  });
  afterEach(() => restore?.());

  it("fetchApi() reads the globals at call time, not at import", () => {
    const stub = () => Promise.resolve(new Response("{}"));
    const original = globalThis.fetch;
    globalThis.fetch = stub;
    try {
      assert.equal(fetchApi().fetch, stub);
      assert.equal(fetchApi().Headers, Headers);
    } finally {
      globalThis.fetch = original;
    }
  });

  it("request() throws a TypeError naming fetcher when the runtime has no fetch", () => {
    const client = new CoreClient({ authorizationToken: "sk_test_fetch" });
    restore = hideGlobals(["fetch", "Headers"]);
    assert.throws(
      () => client.request({ method: "GET", path: "/organizations" }),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message.startsWith(
          "Cannot send GET /organizations as this runtime has no global fetch",
        ) && error.message.includes("'fetcher'"),
    );
  });

  it("request() uses the fetcher option when only the global fetch is missing", async () => {
    const client = new CoreClient({
      authorizationToken: "sk_test_fetch",
      fetcher: () => Promise.resolve(new Response('{"id":"org_1"}')),
    });
    restore = hideGlobals(["fetch"]);
    assert.deepEqual(
      await client.request({ method: "GET", path: "/organizations/org_1" }),
      { id: "org_1" },
    );
  });
});
