import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { WorkOSClient } from "../mod.ts";
import { startFakeWorkOS } from "../src/testing/mod.ts";

describe("WorkOSClient", () => {
  it("builds each resource group and helper once, on first use", () => {
    const workos = new WorkOSClient({ authorizationToken: "sk_test_facade" });
    for (
      const name of [
        "organizations",
        "userManagement",
        "webhooks",
        "actions",
        "pkce",
        "authUrls",
        "accessTokens",
        "sessions",
      ] as const
    ) {
      assert.equal(workos[name], workos[name], name);
    }
    assert.equal(
      workos.userManagement.users,
      workos.userManagement.users,
    );
  });

  it("verifies a webhook it signed through the facade", async () => {
    const workos = new WorkOSClient();
    const payload = JSON.stringify({
      object: "event",
      id: "event_1",
      event: "organization.created",
      data: { object: "organization", id: "org_1", name: "Foo", domains: [] },
      created_at: "2026-01-01T00:00:00.000Z",
    });
    const secret = "whsec_facade";
    const sigHeader = await workos.webhooks.createSignatureHeader({
      payload,
      secret,
    });
    const event = await workos.webhooks.constructEvent({
      payload,
      sigHeader,
      secret,
    });
    assert.equal(event.event, "organization.created");
    assert.equal(event.createdAt, "2026-01-01T00:00:00.000Z");
  });

  it("builds the authorization URL from the client's options", () => {
    const workos = new WorkOSClient({
      clientId: "client_facade",
      baseUrl: "http://127.0.0.1:1",
    });
    const url = new URL(
      workos.authUrls.getAuthKitAuthorizationUrl({
        provider: "authkit",
        redirectUri: "https://example.com/cb",
        state: "a&b=c",
      }),
    );
    assert.equal(url.origin, "http://127.0.0.1:1");
    assert.equal(url.searchParams.get("client_id"), "client_facade");
    assert.equal(url.searchParams.get("state"), "a&b=c");
    assert.equal(url.searchParams.get("b"), null);
  });

  it("runs the brief's calls against the fake", async () => {
    await using fake = await startFakeWorkOS();
    const workos = new WorkOSClient({
      authorizationToken: fake.apiKey,
      baseUrl: fake.url,
    });
    const org = await workos.organizations.create({ name: "Foo Corp" });
    const ids: string[] = [];
    for await (const o of workos.organizations.list()) ids.push(o.id);
    assert.deepEqual(ids, [org.id]);
    const fetched = await workos.organizations.get(org.id);
    assert.equal(fetched.name, "Foo Corp");
  });
});
