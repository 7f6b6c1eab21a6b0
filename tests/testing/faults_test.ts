import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type FakeWorkOS, startFakeWorkOS } from "../../src/testing/mod.ts";
import { call, until } from "./_call.ts";

async function withFake(run: (fake: FakeWorkOS) => void | Promise<void>) {
  const fake = await startFakeWorkOS();
  try {
    await run(fake);
  } finally {
    await fake.close();
  }
}

const auth = (fake: FakeWorkOS) => ({
  authorization: `Bearer ${fake.apiKey}`,
  "content-type": "application/json",
});

describe("status faults", () => {
  it("answer with the status, default body and extra headers", () =>
    withFake(async (fake) => {
      fake.injectFault({
        path: "/organizations",
        status: 429,
        headers: { "Retry-After": "1" },
      });
      const faulted = await call(fake, "GET", "/organizations");
      assert.equal(faulted.status, 429);
      assert.equal(faulted.headers.get("retry-after"), "1");
      assert.ok(faulted.headers.get("x-request-id"));
      assert.deepEqual(faulted.json, {
        message: "Too Many Requests",
        code: "rate_limit_exceeded",
      });

      const next = await call(fake, "GET", "/organizations");
      assert.equal(next.status, 200);
      assert.equal(fake.requests.length, 2);
    }));

  it("hit `times` matching requests, then stop", () =>
    withFake(async (fake) => {
      fake.injectFault({ path: "/organizations", status: 503, times: 2 });
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await call(fake, "GET", "/organizations")).status);
      }
      assert.deepEqual(statuses, [503, 503, 200]);
    }));

  it("match on method and on a path pattern, first fault first", () =>
    withFake(async (fake) => {
      fake.injectFault({
        method: "post",
        path: /^\/organizations/,
        status: 500,
      });
      fake.injectFault({ path: /^\/organizations/, status: 502 });
      const get = await call(fake, "GET", "/organizations/org_1");
      assert.equal(get.status, 502);
      const post = await call(fake, "POST", "/organizations", {
        body: { name: "A" },
      });
      assert.equal(post.status, 500);
      assert.equal(fake.countObjects("organizations"), 0);
      const exact = await call(fake, "GET", "/organizations?limit=1");
      assert.equal(exact.status, 200);
    }));

  it("apply before authentication, and are recorded", () =>
    withFake(async (fake) => {
      fake.injectFault({ path: "/organizations", status: 500 });
      const reply = await call(fake, "GET", "/organizations", { apiKey: null });
      assert.equal(reply.status, 500);
      assert.equal(fake.requests.length, 1);
      assert.equal(fake.requests[0].path, "/organizations");
    }));

  it("send a string body raw as text/html", () =>
    withFake(async (fake) => {
      const html = "<html><body>Bad gateway</body></html>";
      fake.injectFault({ path: "/organizations", status: 502, body: html });
      const reply = await call(fake, "GET", "/organizations");
      assert.equal(reply.status, 502);
      assert.match(reply.headers.get("content-type") ?? "", /^text\/html/);
      assert.equal(reply.text, html);
    }));

  it("send any other body as JSON", () =>
    withFake(async (fake) => {
      fake.injectFault({
        path: "/organizations",
        status: 400,
        body: { code: "custom" },
      });
      const reply = await call(fake, "GET", "/organizations");
      assert.match(reply.headers.get("content-type") ?? "", /json/);
      assert.deepEqual(reply.json, { code: "custom" });
    }));

  it("refuse bad specs with TypeError and RangeError", () =>
    withFake((fake) => {
      assert.throws(
        // deno-lint-ignore no-explicit-any
        () => fake.injectFault({ path: 42 as any }),
        TypeError,
      );
      assert.throws(
        () => fake.injectFault({ path: "/x", times: 0 }),
        RangeError,
      );
      assert.throws(
        () => fake.injectFault({ path: "/x", status: 99 }),
        RangeError,
      );
      assert.throws(
        () => fake.injectFault({ path: "/x", delayMs: -1 }),
        RangeError,
      );
      assert.throws(
        // deno-lint-ignore no-explicit-any
        () => fake.injectFault({ path: "/x", dropConnection: "later" as any }),
        TypeError,
      );
    }));

  it("are all removed by clearFaults()", () =>
    withFake(async (fake) => {
      fake.injectFault({ path: "/organizations", status: 500, times: 3 });
      fake.clearFaults();
      assert.equal((await call(fake, "GET", "/organizations")).status, 200);
    }));
});

describe("timing faults", () => {
  it("delayMs holds the headers back", () =>
    withFake(async (fake) => {
      fake.injectFault({ path: "/organizations", delayMs: 300 });
      const started = Date.now();
      const res = await fetch(`${fake.url}/organizations`, {
        headers: auth(fake),
      });
      const waited = Date.now() - started;
      await res.body?.cancel();
      assert.equal(res.status, 200);
      assert.ok(waited >= 280, `headers came after ${waited} ms`);
    }));

  it("stallBodyMs sends half the body, then the rest after the stall", () =>
    withFake(async (fake) => {
      fake.seedOrganizations(3);
      fake.injectFault({ path: "/organizations", stallBodyMs: 400 });
      const started = Date.now();
      const res = await fetch(`${fake.url}/organizations`, {
        headers: auth(fake),
      });
      assert.equal(res.status, 200);
      const declared = Number(res.headers.get("content-length"));
      const reader = res.body!.getReader();
      const first = await reader.read();
      const firstAt = Date.now() - started;
      const chunks = [first.value!];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
      }
      const lastAt = Date.now() - started;

      assert.ok(
        first.value!.length < declared,
        "first read was the whole body",
      );
      assert.ok(firstAt < lastAt);
      assert.ok(lastAt >= 380, `body completed after ${lastAt} ms`);
      const text = new TextDecoder().decode(
        new Uint8Array(chunks.flatMap((chunk) => [...chunk])),
      );
      assert.equal(text.length, declared);
      assert.equal(JSON.parse(text).data.length, 3);
    }));
});

describe("connection faults", () => {
  it('dropConnection "before" fails the request and changes nothing', () =>
    withFake(async (fake) => {
      await call(fake, "GET", "/organizations");
      fake.injectFault({
        method: "POST",
        path: "/organizations",
        dropConnection: "before",
      });
      await assert.rejects(
        fetch(`${fake.url}/organizations`, {
          method: "POST",
          headers: auth(fake),
          body: JSON.stringify({ name: "Foo Corp" }),
        }),
        TypeError,
      );
      assert.equal(fake.countObjects("organizations"), 0);
      assert.deepEqual(fake.requests.map((r) => r.method), ["GET", "POST"]);
      assert.equal(fake.requests[1].closedEarly, false);
    }));

  it('dropConnection "after" fails the request but keeps its effect', () =>
    withFake(async (fake) => {
      await call(fake, "GET", "/organizations");
      fake.injectFault({
        method: "POST",
        path: "/organizations",
        dropConnection: "after",
      });
      const send = () =>
        fetch(`${fake.url}/organizations`, {
          method: "POST",
          headers: { ...auth(fake), "idempotency-key": "k1" },
          body: JSON.stringify({ name: "Foo Corp" }),
        });
      await assert.rejects(send(), TypeError);
      assert.equal(fake.countObjects("organizations"), 1);

      const retried = await send();
      assert.equal(retried.status, 201);
      assert.equal((await retried.json()).name, "Foo Corp");
      assert.equal(fake.countObjects("organizations"), 1);
    }));

  it("dropConnection waits delayMs before closing", () =>
    withFake(async (fake) => {
      fake.injectFault({
        path: "/organizations",
        dropConnection: "before",
        delayMs: 300,
      });
      const started = Date.now();
      await assert.rejects(
        fetch(`${fake.url}/organizations`, { headers: auth(fake) }),
        TypeError,
      );
      const waited = Date.now() - started;
      assert.ok(waited >= 280, `dropped after ${waited} ms`);
    }));

  it("truncateBody declares the full length, sends half and closes", () =>
    withFake(async (fake) => {
      fake.seedOrganizations(2);
      fake.injectFault({ path: "/organizations", truncateBody: true });
      const res = await fetch(`${fake.url}/organizations`, {
        headers: auth(fake),
      });
      assert.equal(res.status, 200);
      assert.ok(Number(res.headers.get("content-length")) > 0);
      await assert.rejects(res.text());
    }));

  it("marks a request closedEarly soon after the client aborts", () =>
    withFake(async (fake) => {
      fake.injectFault({ path: "/organizations", delayMs: 10_000 });
      const controller = new AbortController();
      const pending = fetch(`${fake.url}/organizations`, {
        headers: auth(fake),
        signal: controller.signal,
      });
      assert.ok(await until(() => fake.requests.length === 1));
      assert.equal(fake.requests[0].closedEarly, false);
      controller.abort();
      await assert.rejects(pending);
      assert.ok(await until(() => fake.requests[0].closedEarly));

      const next = await call(fake, "GET", "/organizations");
      assert.equal(next.status, 200);
      assert.equal(fake.requests[1].closedEarly, false);
    }));
});
