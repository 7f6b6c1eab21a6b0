import assert from "node:assert/strict";
import { connect } from "node:net";
import { describe, it } from "node:test";
import {
  type FakeWorkOS,
  startFakeWorkOS,
  type WireOrganization,
} from "../../src/testing/mod.ts";
import { call } from "./_call.ts";

async function withFake(
  run: (fake: FakeWorkOS) => void | Promise<void>,
  options?: Parameters<typeof startFakeWorkOS>[0],
): Promise<void> {
  const fake = await startFakeWorkOS(options);
  try {
    await run(fake);
  } finally {
    await fake.close();
  }
}

describe("startFakeWorkOS", () => {
  it("listens on 127.0.0.1 with the default credentials", () =>
    withFake((fake) => {
      assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(fake.url, "http://127.0.0.1:0");
      assert.equal(fake.apiKey, "sk_test_fake_workos_key");
      assert.equal(fake.clientId, "client_fake_workos");
    }));

  it("refuses bad options with TypeError and RangeError", async () => {
    await assert.rejects(
      startFakeWorkOS({ apiKey: "" }),
      (error: Error) =>
        error instanceof TypeError && /'apiKey'/.test(error.message),
    );
    await assert.rejects(
      startFakeWorkOS({ port: 70000 }),
      (error: Error) =>
        error instanceof RangeError && /'port'.*70000/.test(error.message),
    );
  });
});

describe("authentication", () => {
  it("answers 401 without the API key or with another one", () =>
    withFake(async (fake) => {
      for (const apiKey of [null, "sk_test_wrong"]) {
        const reply = await call(fake, "GET", "/organizations", { apiKey });
        assert.equal(reply.status, 401);
        assert.equal(reply.json.code, "unauthorized");
        assert.equal(typeof reply.json.message, "string");
      }
      const ok = await call(fake, "GET", "/organizations");
      assert.equal(ok.status, 200);
    }));

  it("accepts a custom API key and no longer the default one", () =>
    withFake(async (fake) => {
      const ok = await call(fake, "GET", "/organizations");
      assert.equal(ok.status, 200);
      const old = await call(fake, "GET", "/organizations", {
        apiKey: "sk_test_fake_workos_key",
      });
      assert.equal(old.status, 401);
    }, { apiKey: "sk_test_custom" }));

  it("serves the JWKS of its client id without authentication", () =>
    withFake(async (fake) => {
      const reply = await call(fake, "GET", `/sso/jwks/${fake.clientId}`, {
        apiKey: null,
      });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.json, { keys: [{ kid: "k1", kty: "RSA" }] });
      const other = await call(fake, "GET", "/sso/jwks/client_other");
      assert.equal(other.status, 404);
    }, { jwks: { keys: [{ kid: "k1", kty: "RSA" }] } }));

  it("sends a fresh X-Request-ID with every answer", () =>
    withFake(async (fake) => {
      const a = await call(fake, "GET", "/organizations");
      const b = await call(fake, "GET", "/organizations", { apiKey: null });
      const idA = a.headers.get("x-request-id");
      const idB = b.headers.get("x-request-id");
      assert.ok(idA && idB);
      assert.notEqual(idA, idB);
    }));
});

describe("routing", () => {
  it("answers an unknown route with 404 not_found naming it", () =>
    withFake(async (fake) => {
      const reply = await call(fake, "GET", "/x?y=1");
      assert.equal(reply.status, 404);
      assert.deepEqual(reply.json, {
        message: "Not found: GET /x",
        code: "not_found",
      });
      const wrongMethod = await call(fake, "PATCH", "/organizations/org_1");
      assert.equal(
        wrongMethod.json.message,
        "Not found: PATCH /organizations/org_1",
      );
    }));

  it("answers 400 to a body that is not JSON", () =>
    withFake(async (fake) => {
      const reply = await call(fake, "POST", "/organizations", {
        body: "{name:",
      });
      assert.equal(reply.status, 400);
      assert.equal(fake.countObjects("organizations"), 0);
    }));

  it("records method, path, query, headers and body of each request", () =>
    withFake(async (fake) => {
      await call(fake, "POST", "/organizations?x=1&x=2", {
        body: { name: "Foo Corp" },
        headers: { "X-Custom": "yes" },
      });
      await call(fake, "GET", "/organizations/org%20a");
      assert.equal(fake.requests.length, 2);
      const [post, get] = fake.requests;
      assert.equal(post.method, "POST");
      assert.equal(post.path, "/organizations");
      assert.deepEqual(post.query, { x: "1" });
      assert.equal(post.headers["x-custom"], "yes");
      assert.equal(post.headers.authorization, `Bearer ${fake.apiKey}`);
      assert.deepEqual(post.body, { name: "Foo Corp" });
      assert.equal(post.rawBody, '{"name":"Foo Corp"}');
      assert.equal(post.closedEarly, false);
      assert.ok(Math.abs(post.receivedAt - Date.now()) < 60_000);
      assert.equal(get.path, "/organizations/org%20a");
      assert.equal(get.body, undefined);
      assert.equal(get.rawBody, "");
    }));
});

describe("organizations", () => {
  it("creates, reads, updates and deletes an organization", () =>
    withFake(async (fake) => {
      const created = await call(fake, "POST", "/organizations", {
        body: {
          name: "Foo Corp",
          domain_data: [{ domain: "foo-corp.com", state: "verified" }],
          external_id: "ext_1",
          metadata: { tier: "gold" },
        },
      });
      assert.equal(created.status, 201);
      const org: WireOrganization = created.json;
      assert.equal(org.object, "organization");
      assert.match(org.id, /^org_[0-9A-Z]{26}$/);
      assert.equal(org.name, "Foo Corp");
      assert.equal(org.external_id, "ext_1");
      assert.deepEqual(org.metadata, { tier: "gold" });
      assert.equal(org.allow_profiles_outside_organization, false);
      assert.equal(org.domains.length, 1);
      assert.equal(org.domains[0].object, "organization_domain");
      assert.equal(org.domains[0].domain, "foo-corp.com");
      assert.equal(org.domains[0].state, "verified");
      assert.equal(org.domains[0].organization_id, org.id);
      assert.ok(!Number.isNaN(Date.parse(org.created_at)));

      const got = await call(fake, "GET", `/organizations/${org.id}`);
      assert.deepEqual(got.json, org);
      const byExternal = await call(
        fake,
        "GET",
        "/organizations/external_id/ext_1",
      );
      assert.equal(byExternal.json.id, org.id);

      const updated = await call(fake, "PUT", `/organizations/${org.id}`, {
        body: { name: "Bar Corp", stripe_customer_id: "cus_1" },
      });
      assert.equal(updated.status, 200);
      assert.equal(updated.json.name, "Bar Corp");
      assert.equal(updated.json.stripe_customer_id, "cus_1");
      assert.equal(updated.json.external_id, "ext_1");
      assert.deepEqual(updated.json.domains, org.domains);

      const deleted = await call(fake, "DELETE", `/organizations/${org.id}`);
      assert.equal(deleted.status, 202);
      assert.equal(deleted.text, "");
      assert.equal(fake.countObjects("organizations"), 0);

      const gone = await call(fake, "GET", `/organizations/${org.id}`);
      assert.equal(gone.status, 404);
      assert.equal(gone.json.code, "entity_not_found");
    }));

  it("refuses a create without a name with 422 naming the field", () =>
    withFake(async (fake) => {
      const reply = await call(fake, "POST", "/organizations", {
        body: { domains: ["foo.com"] },
      });
      assert.equal(reply.status, 422);
      assert.equal(reply.json.code, "invalid_request_parameters");
      assert.equal(typeof reply.json.message, "string");
      assert.deepEqual(reply.json.errors[0], {
        field: "name",
        code: "name_required",
      });
      assert.equal(fake.countObjects("organizations"), 0);
    }));

  it("refuses a second organization with the same external id", () =>
    withFake(async (fake) => {
      const body = { name: "A", external_id: "ext_same" };
      assert.equal(
        (await call(fake, "POST", "/organizations", { body })).status,
        201,
      );
      const again = await call(fake, "POST", "/organizations", { body });
      assert.equal(again.status, 400);
      assert.equal(again.json.code, "external_id_already_used");
    }));

  it("answers entity_not_found for a missing id on get, update and delete", () =>
    withFake(async (fake) => {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const reply = await call(fake, method, "/organizations/org_missing", {
          body: method === "PUT" ? { name: "x" } : undefined,
        });
        assert.equal(reply.status, 404, method);
        assert.equal(reply.json.code, "entity_not_found", method);
      }
    }));
});

describe("users", () => {
  it("creates, reads, updates, lists and deletes a user", () =>
    withFake(async (fake) => {
      const created = await call(fake, "POST", "/user_management/users", {
        body: { email: "ada@example.com", first_name: "Ada" },
      });
      assert.equal(created.status, 201);
      const user = created.json;
      assert.equal(user.object, "user");
      assert.match(user.id, /^user_/);
      assert.equal(user.email, "ada@example.com");
      assert.equal(user.first_name, "Ada");
      assert.equal(user.last_name, null);
      assert.equal(user.email_verified, false);
      assert.equal(user.profile_picture_url, null);
      assert.equal(user.external_id, null);
      assert.deepEqual(user.metadata, {});
      assert.equal(user.last_sign_in_at, null);

      const got = await call(fake, "GET", `/user_management/users/${user.id}`);
      assert.deepEqual(got.json, user);

      const updated = await call(
        fake,
        "PUT",
        `/user_management/users/${user.id}`,
        { body: { last_name: "Lovelace", email_verified: true } },
      );
      assert.equal(updated.json.last_name, "Lovelace");
      assert.equal(updated.json.first_name, "Ada");
      assert.equal(updated.json.email_verified, true);

      fake.seedUsers(2);
      const filtered = await call(
        fake,
        "GET",
        "/user_management/users?email=ADA@example.com",
      );
      assert.deepEqual(filtered.json.data.map((u: { id: string }) => u.id), [
        user.id,
      ]);

      const deleted = await call(
        fake,
        "DELETE",
        `/user_management/users/${user.id}`,
      );
      assert.equal(deleted.status, 200);
      assert.equal(fake.countObjects("users"), 2);
      const gone = await call(fake, "GET", `/user_management/users/${user.id}`);
      assert.equal(gone.json.code, "entity_not_found");
    }));

  it("refuses a user without an email with 422 naming the field", () =>
    withFake(async (fake) => {
      const reply = await call(fake, "POST", "/user_management/users", {
        body: { first_name: "Ada" },
      });
      assert.equal(reply.status, 422);
      assert.deepEqual(reply.json.errors[0], {
        field: "email",
        code: "email_required",
      });
      assert.equal(fake.countObjects("users"), 0);
    }));
});

describe("pagination", () => {
  type Page = {
    object: string;
    data: { id: string }[];
    list_metadata: { before: string | null; after: string | null };
  };
  const list = async (fake: FakeWorkOS, query: string): Promise<Page> => {
    const reply = await call(fake, "GET", `/organizations?${query}`);
    assert.equal(reply.status, 200, reply.text);
    return reply.json;
  };

  for (const order of ["desc", "asc"] as const) {
    it(`follows the after cursor across pages in ${order} order`, () =>
      withFake(async (fake) => {
        const seeded = fake.seedOrganizations(25).map((o) => o.id);
        const expected = order === "asc" ? seeded : [...seeded].reverse();

        const seen: string[] = [];
        let after: string | null = null;
        let pages = 0;
        do {
          const page: Page = await list(
            fake,
            `order=${order}&limit=10${after ? `&after=${after}` : ""}`,
          );
          assert.equal(page.object, "list");
          assert.equal(
            page.list_metadata.before,
            pages === 0 ? null : page.data[0].id,
          );
          seen.push(...page.data.map((o) => o.id));
          after = page.list_metadata.after;
          pages += 1;
        } while (after !== null);

        assert.equal(pages, 3);
        assert.deepEqual(seen, expected);
      }));
  }

  it("walks backwards with before, each page nearest the cursor", () =>
    withFake(async (fake) => {
      const newestFirst = fake.seedOrganizations(25).map((o) => o.id)
        .reverse();
      const last = await list(fake, `limit=10&after=${newestFirst[19]}`);
      assert.deepEqual(last.data.map((o) => o.id), newestFirst.slice(20));
      assert.equal(last.list_metadata.after, null);

      const seen = [...last.data.map((o) => o.id)];
      let before = last.list_metadata.before;
      while (before !== null) {
        const page: Page = await list(fake, `limit=10&before=${before}`);
        seen.unshift(...page.data.map((o) => o.id));
        before = page.list_metadata.before;
      }
      assert.deepEqual(seen, newestFirst);

      const short = await list(fake, `limit=10&before=${newestFirst[5]}`);
      assert.deepEqual(short.data.map((o) => o.id), newestFirst.slice(0, 5));
      assert.deepEqual(short.list_metadata, {
        before: null,
        after: newestFirst[4],
      });
    }));

  it("defaults to 10 newest first and treats order=normal as desc", () =>
    withFake(async (fake) => {
      const newestFirst = fake.seedOrganizations(12).map((o) => o.id)
        .reverse();
      const plain = await list(fake, "");
      assert.deepEqual(plain.data.map((o) => o.id), newestFirst.slice(0, 10));
      const normal = await list(fake, "order=normal");
      assert.deepEqual(normal.data, plain.data);
    }));

  it("refuses a limit outside 1..100 and an unknown order with 422", () =>
    withFake(async (fake) => {
      for (const query of ["limit=0", "limit=101", "limit=abc", "order=up"]) {
        const reply = await call(fake, "GET", `/organizations?${query}`);
        assert.equal(reply.status, 422, query);
        assert.equal(reply.json.code, "invalid_request_parameters", query);
      }
      assert.equal((await list(fake, "limit=100")).object, "list");
    }));

  it("gives ids that sort by creation within one millisecond", () =>
    withFake((fake) => {
      const realNow = Date.now;
      let ids: string[];
      try {
        // A frozen clock that then steps back.
        Date.now = () => 1_800_000_000_000;
        ids = fake.seedOrganizations(100).map((o) => o.id);
        Date.now = () => 1_700_000_000_000;
        ids.push(...fake.seedOrganizations(100).map((o) => o.id));
      } finally {
        Date.now = realNow;
      }
      assert.deepEqual([...ids].sort(), ids);
      assert.equal(new Set(ids).size, 200);
    }));

  it("filters organizations by domains and by name search", () =>
    withFake(async (fake) => {
      for (
        const [name, domain] of [
          ["Foo Corp", "foo.com"],
          ["Bar Inc", "bar.com"],
          ["Food Ltd", "food.com"],
        ]
      ) {
        await call(fake, "POST", "/organizations", {
          body: { name, domains: [domain] },
        });
      }
      const names = async (query: string) =>
        (await call(fake, "GET", `/organizations?${query}`)).json.data
          .map((o: WireOrganization) => o.name).sort();
      assert.deepEqual(await names("domains=foo.com,bar.com"), [
        "Bar Inc",
        "Foo Corp",
      ]);
      assert.deepEqual(await names("search=foo"), ["Foo Corp", "Food Ltd"]);
    }));
});

describe("idempotency", () => {
  it("answers a repeated key with the first answer and one object", () =>
    withFake(async (fake) => {
      const send = (key: string, name: string) =>
        call(fake, "POST", "/organizations", {
          body: { name },
          headers: { "idempotency-key": key },
        });
      const first = await send("key-1", "Foo Corp");
      const again = await send("key-1", "Foo Corp");
      assert.equal(first.status, 201);
      assert.equal(again.status, 201);
      assert.deepEqual(again.json, first.json);
      assert.notEqual(
        again.headers.get("x-request-id"),
        first.headers.get("x-request-id"),
      );
      assert.equal(fake.countObjects("organizations"), 1);

      await send("key-2", "Foo Corp");
      assert.equal(fake.countObjects("organizations"), 2);
    }));
});

describe("state helpers", () => {
  it("seeds organizations with fields and returns copies", () =>
    withFake(async (fake) => {
      const seeded = fake.seedOrganizations(3, (i) => ({
        name: `Org ${i}`,
        external_id: `ext_${i}`,
      }));
      assert.deepEqual(seeded.map((o) => o.name), ["Org 0", "Org 1", "Org 2"]);
      seeded[0].name = "changed locally";
      const got = await call(fake, "GET", `/organizations/${seeded[0].id}`);
      assert.equal(got.json.name, "Org 0");
      assert.equal(got.json.external_id, "ext_0");
      assert.throws(() => fake.seedOrganizations(-1), RangeError);
      assert.throws(
        () => fake.seedOrganizations(1, () => ({ id: seeded[1].id })),
        TypeError,
      );
      assert.equal(fake.countObjects("organizations"), 3);
    }));

  it("reset() forgets objects, keys, requests and faults", () =>
    withFake(async (fake) => {
      fake.seedOrganizations(2);
      fake.seedUsers(1);
      await call(fake, "POST", "/organizations", {
        body: { name: "A" },
        headers: { "idempotency-key": "k" },
      });
      fake.injectFault({ path: "/organizations", status: 500, times: 5 });
      const requests = fake.requests;

      fake.reset();
      assert.equal(fake.countObjects("organizations"), 0);
      assert.equal(fake.countObjects("users"), 0);
      assert.equal(fake.requests.length, 0);
      assert.equal(requests, fake.requests);
      const reply = await call(fake, "POST", "/organizations", {
        body: { name: "B" },
        headers: { "idempotency-key": "k" },
      });
      assert.equal(reply.status, 201);
      assert.equal(reply.json.name, "B");
    }));

  it("countObjects() refuses an unknown kind", () =>
    withFake((fake) => {
      assert.throws(
        // deno-lint-ignore no-explicit-any
        () => fake.countObjects("groups" as any),
        TypeError,
      );
    }));
});

describe("close()", () => {
  it("closes with a keep-alive and a half-sent request's connection open", async () => {
    const fake = await startFakeWorkOS();
    const port = Number(new URL(fake.url).port);
    const open = () => {
      const socket = connect(port, "127.0.0.1");
      socket.on("error", () => {});
      const closed = new Promise<void>((resolve) =>
        socket.on("close", () => resolve())
      );
      return { socket, closed };
    };
    const idle = open();
    const answered = new Promise<string>((resolve) => {
      let text = "";
      idle.socket.on("data", (chunk) => {
        text += chunk.toString();
        if (text.includes("\r\n\r\n")) resolve(text);
      });
    });
    idle.socket.write(
      `GET /organizations HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: Bearer ${fake.apiKey}\r\nConnection: keep-alive\r\n\r\n`,
    );
    assert.match(await answered, /^HTTP\/1\.1 200/);
    assert.doesNotMatch(await answered, /connection: close/i);
    const half = open();
    half.socket.write("GET /organizations HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    await new Promise((resolve) => setTimeout(resolve, 50));

    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      fake.close().then(() => "closed"),
      new Promise((resolve) => timer = setTimeout(() => resolve("hung"), 3000)),
    ]);
    clearTimeout(timer);
    assert.equal(outcome, "closed");
    await Promise.all([idle.closed, half.closed]);
    assert.equal(fake.requests.length, 1);
  });

  it("closes while an answer is still delayed", async () => {
    const fake = await startFakeWorkOS();
    fake.injectFault({ path: "/organizations", delayMs: 60_000 });
    const pending = call(fake, "GET", "/organizations").then(
      () => "answered",
      () => "failed",
    );
    while (fake.requests.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await fake.close();
    assert.equal(await pending, "failed");
  });
});
