// Deno.test rather than node:test: Deno applies its op and resource
// sanitizers only to Deno.test, and these tests exist to show that the
// fake leaves no timer, socket or listener behind once closed.
import assert from "node:assert/strict";
import { startFakeWorkOS } from "../../src/testing/mod.ts";
import { until } from "./_call.ts";

const sanitized = { sanitizeOps: true, sanitizeResources: true };

Deno.test({
  ...sanitized,
  name: "close() leaves nothing behind after every kind of fault",
  async fn() {
    const fake = await startFakeWorkOS();
    const headers = { authorization: `Bearer ${fake.apiKey}` };
    const url = `${fake.url}/organizations`;
    fake.seedOrganizations(2);

    fake.injectFault({ path: "/organizations", status: 503 });
    await (await fetch(url, { headers })).body?.cancel();
    fake.injectFault({ path: "/organizations", stallBodyMs: 50 });
    await (await fetch(url, { headers })).text();
    fake.injectFault({ path: "/organizations", truncateBody: true });
    await assert.rejects((await fetch(url, { headers })).text());
    fake.injectFault({ path: "/organizations", dropConnection: "before" });
    await assert.rejects(fetch(url, { headers }));
    fake.injectFault({ path: "/organizations", dropConnection: "after" });
    await assert.rejects(fetch(url, { headers }));

    await fake.close();
  },
});

Deno.test({
  ...sanitized,
  name: "close() cancels a delayed answer's timer",
  async fn() {
    const fake = await startFakeWorkOS();
    fake.injectFault({ path: "/organizations", delayMs: 60_000 });
    const outcome = fetch(`${fake.url}/organizations`, {
      headers: { authorization: `Bearer ${fake.apiKey}` },
    }).then(() => "answered", () => "failed");
    assert.ok(await until(() => fake.requests.length === 1));
    await fake.close();
    assert.equal(await outcome, "failed");
  },
});

Deno.test({
  ...sanitized,
  name: "a client abort cancels the delayed answer's timer",
  async fn() {
    const fake = await startFakeWorkOS();
    fake.injectFault({ path: "/organizations", delayMs: 60_000 });
    const controller = new AbortController();
    const pending = fetch(`${fake.url}/organizations`, {
      headers: { authorization: `Bearer ${fake.apiKey}` },
      signal: controller.signal,
    });
    assert.ok(await until(() => fake.requests.length === 1));
    controller.abort();
    await assert.rejects(pending);
    assert.ok(await until(() => fake.requests[0].closedEarly));
    await fake.close();
  },
});
