/**
 * The calls of the product brief, as written, against the spec server.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type WorkOS, WorkOSClient } from "../../mod.ts";
import { loadSpec } from "../../scripts/generator/spec.ts";
import { type SpecServer, startSpecServer } from "../support/spec_server.ts";

const spec = await loadSpec(
  new URL("../../../shared/openapi/workos-openapi.yaml", import.meta.url)
    .pathname,
);

describe("the product brief's calls", () => {
  let server: SpecServer;
  let workos: WorkOSClient;

  before(async () => {
    server = await startSpecServer(spec, "sk_test_brief");
    workos = new WorkOSClient({
      authorizationToken: "sk_test_brief",
      baseUrl: server.url,
    });
  });
  after(() => server.close());

  it("create, list, get and createEvent send valid requests", async () => {
    const org = await workos.organizations.create({ name: "Foo Corp" });
    assert.equal(org.object, "organization");
    assert.deepEqual(server.exchanges.at(-1)?.body, { name: "Foo Corp" });

    const ids: string[] = [];
    for await (const o of workos.organizations.list()) ids.push(o.id);
    assert.equal(ids.length, 2, "the first page and the one its cursor names");

    const id = "directory_group_01E1JJS84MFPPQ3G655FHTKX6Z";
    const group = await workos.directoryGroups.get(id, {
      maxRetries: 0,
      timeoutInSeconds: 30,
    });
    assert.equal(group.object, "directory_group");

    const key = "idempotency-key-brief-1";
    const event: WorkOS.AuditLogCreateEventParams = {
      organizationId: "org_01EHWNCE74X7JSDV0X3SZ3KJNY",
      event: {
        action: "user.signed_in",
        occurredAt: "2024-01-16T14:20:00.000Z",
        actor: { type: "user", id: "user_01" },
        targets: [{ type: "team", id: "team_01" }],
        context: { location: "203.0.113.42", userAgent: "Mozilla/5.0" },
      },
    };
    await workos.auditLogs.createEvent(event, { idempotencyKey: key });
    const sent = server.exchanges.at(-1)!;
    assert.equal(sent.headers["idempotency-key"], key);
    assert.deepEqual(sent.problems, []);
    assert.deepEqual(
      (sent.body as { event: { context: unknown } }).event.context,
      { location: "203.0.113.42", user_agent: "Mozilla/5.0" },
    );

    const userId = "user_01E4ZCR3C56J083X43JQXF3JK5";
    const user: WorkOS.User = await workos.userManagement.users.get(userId);
    assert.equal(user.object, "user");
    assert.deepEqual(
      server.exchanges.flatMap((exchange) => exchange.problems),
      [],
    );
  });
});
