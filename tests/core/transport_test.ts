import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  BadRequestError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  WorkOSError,
} from "../../src/core/errors.ts";
import { eventually, withFake } from "../support/fake_client.ts";
import { VERSION } from "../../src/core/version.ts";

const createOrg = { method: "POST", path: "/organizations" } as const;

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]);
}

describe("retries", () => {
  it("retries a 503 twice by default and returns the third answer", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 503, times: 2 });
      const org = await client.request({
        ...createOrg,
        body: { name: "Foo Corp" },
      }) as { name: string };
      assert.equal(org.name, "Foo Corp");
      assert.equal(fake.requests.length, 3);
      assert.equal(fake.countObjects("organizations"), 1);
    }));

  for (const status of [408, 409, 429, 500, 502, 504]) {
    it(`retries ${status}`, () =>
      withFake(async (fake, client) => {
        fake.injectFault({ path: "/organizations", status, times: 1 });
        await client.request({ method: "GET", path: "/organizations" });
        assert.equal(fake.requests.length, 2);
      }));
  }

  it("gives up after maxRetries and says how many attempts were made", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 500, times: 10 });
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }),
        (error: unknown) =>
          error instanceof InternalServerError &&
          error.statusCode === 500 &&
          error.message.endsWith("(after 3 attempts)"),
      );
      assert.equal(fake.requests.length, 3);
    }));

  it("maxRetries: 0 on the call turns retries off", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 503, times: 10 });
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }, {
          maxRetries: 0,
        }),
        InternalServerError,
      );
      assert.equal(fake.requests.length, 1);
    }));

  it("maxRetries on the client sets the default", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 503, times: 10 });
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }),
        InternalServerError,
      );
      assert.equal(fake.requests.length, 5);
    }, { maxRetries: 4 }));

  for (const status of [400, 401, 403, 404, 422]) {
    it(`never retries ${status}`, () =>
      withFake(async (fake, client) => {
        fake.injectFault({ path: "/organizations", status, times: 10 });
        await assert.rejects(
          client.request({ method: "GET", path: "/organizations" }),
          (error: unknown) =>
            error instanceof WorkOSError && error.statusCode === status,
        );
        assert.equal(fake.requests.length, 1);
      }));
  }

  it("retries a dropped connection and then reports a ConnectionError", () =>
    withFake(async (fake, client) => {
      fake.injectFault({
        path: "/organizations",
        dropConnection: "before",
        times: 10,
      });
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }),
        (error: unknown) =>
          error instanceof ConnectionError &&
          !(error instanceof TimeoutError) &&
          error.statusCode === undefined &&
          error.message.startsWith("Connection failed GET /organizations"),
      );
      assert.equal(fake.requests.length, 3);
    }));

  it("reports a refused connection as a ConnectionError", async () => {
    const { CoreClient } = await import("../../src/core/core_client.ts");
    // Port 9 (discard) on loopback has no listener here.
    const client = new CoreClient({
      authorizationToken: "sk_test",
      baseUrl: "http://127.0.0.1:9",
      maxRetries: 0,
    });
    await assert.rejects(
      client.request({ method: "GET", path: "/organizations" }),
      ConnectionError,
    );
  });

  it("waits at least the backoff lower bound between attempts", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 503, times: 2 });
      await client.request({ method: "GET", path: "/organizations" });
      const [first, second] = gaps(fake.requests.map((r) => r.receivedAt));
      // 0.75 * 200 ms, then 0.75 * 400 ms, less a little clock slack.
      assert.ok(first >= 145, `first gap ${first} ms`);
      assert.ok(second >= 295, `second gap ${second} ms`);
    }, { backoff: { initialDelayInSeconds: 0.2, maxDelayInSeconds: 1 } }));

  it("caps the backoff at maxDelayInSeconds", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 503, times: 3 });
      const started = Date.now();
      await client.request({ method: "GET", path: "/organizations" });
      // Uncapped, the waits would be 10 s, 20 s and 40 s.
      assert.ok(Date.now() - started < 5000);
      assert.equal(fake.requests.length, 4);
    }, {
      maxRetries: 3,
      backoff: { initialDelayInSeconds: 10, maxDelayInSeconds: 0.05 },
    }));

  it("honours Retry-After in seconds", () =>
    withFake(async (fake, client) => {
      fake.injectFault({
        path: "/organizations",
        status: 429,
        headers: { "retry-after": "1" },
      });
      await client.request({ method: "GET", path: "/organizations" });
      const [gap] = gaps(fake.requests.map((r) => r.receivedAt));
      assert.ok(gap >= 990, `gap ${gap} ms`);
    }));

  it("honours Retry-After as an HTTP date", () =>
    withFake(async (fake, client) => {
      const at = new Date(Date.now() + 2000);
      fake.injectFault({
        path: "/organizations",
        status: 503,
        headers: { "retry-after": at.toUTCString() },
      });
      await client.request({ method: "GET", path: "/organizations" });
      const [gap] = gaps(fake.requests.map((r) => r.receivedAt));
      // The date has whole seconds, so the wait is between 1 and 2 s.
      assert.ok(gap >= 990, `gap ${gap} ms`);
    }));

  it("fails at once when Retry-After exceeds the cap", () =>
    withFake(async (fake, client) => {
      fake.injectFault({
        path: "/organizations",
        status: 429,
        headers: { "retry-after": "3600" },
      });
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }),
        (error: unknown) =>
          error instanceof RateLimitError && error.retryAfter === 3600,
      );
      assert.equal(fake.requests.length, 1);
    }));
});

describe("idempotency", () => {
  it("sends one generated Idempotency-Key with every attempt of a POST", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 500, times: 2 });
      await client.request({ ...createOrg, body: { name: "Foo" } });
      const keys = fake.requests.map((r) => r.headers["idempotency-key"]);
      assert.equal(keys.length, 3);
      assert.match(keys[0], /^[0-9a-f-]{36}$/);
      assert.deepEqual(new Set(keys).size, 1);
    }));

  it("uses the caller's idempotencyKey for every attempt", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 500, times: 1 });
      await client.request({ ...createOrg, body: { name: "Foo" } }, {
        idempotencyKey: "key-1",
      });
      assert.deepEqual(
        fake.requests.map((r) => r.headers["idempotency-key"]),
        ["key-1", "key-1"],
      );
    }));

  it("creates one object when the answer to a committed create is lost", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", dropConnection: "after" });
      const org = await client.request({
        ...createOrg,
        body: { name: "Once" },
      }) as { id: string };
      assert.equal(fake.requests.length, 2);
      assert.equal(fake.countObjects("organizations"), 1);
      assert.match(org.id, /^org_/);
    }));

  it("sends no Idempotency-Key on a GET", () =>
    withFake(async (fake, client) => {
      await client.request({ method: "GET", path: "/organizations" });
      assert.equal(fake.requests[0].headers["idempotency-key"], undefined);
    }));
});

describe("timeouts and aborts", () => {
  it("times out waiting for headers and closes the connection", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", delayMs: 3000 });
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }, {
          timeoutInSeconds: 0.2,
          maxRetries: 0,
        }),
        (error: unknown) =>
          error instanceof TimeoutError &&
          error.message.includes("0.2 s (timeoutInSeconds)") &&
          error.message.includes("waiting for headers"),
      );
      await eventually(() => fake.requests[0].closedEarly);
    }));

  it("times out while reading a stalled body and closes the connection", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", stallBodyMs: 3000 });
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }, {
          timeoutInSeconds: 0.3,
          maxRetries: 0,
        }),
        (error: unknown) =>
          error instanceof TimeoutError &&
          error.message.includes("reading the body"),
      );
      await eventually(() => fake.requests[0].closedEarly);
    }));

  it("retries a timed-out attempt like a network failure", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", delayMs: 3000 });
      await client.request({ method: "GET", path: "/organizations" }, {
        timeoutInSeconds: 0.2,
      });
      assert.equal(fake.requests.length, 2);
    }));

  it("the client's timeoutInSeconds applies to every call", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", delayMs: 3000 });
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }),
        TimeoutError,
      );
    }, { timeoutInSeconds: 0.2, maxRetries: 0 }));

  it("an abort during the backoff sleep rejects at once and is not retried", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 503, times: 10 });
      const controller = new AbortController();
      const call = client.request({ method: "GET", path: "/organizations" }, {
        abortSignal: controller.signal,
      });
      await eventually(() => fake.requests.length === 1);
      const started = Date.now();
      controller.abort();
      await assert.rejects(
        call,
        (error: unknown) =>
          error instanceof DOMException && error.name === "AbortError",
      );
      assert.ok(Date.now() - started < 5000);
      assert.equal(fake.requests.length, 1);
    }, { backoff: { initialDelayInSeconds: 30, maxDelayInSeconds: 30 } }));

  it("an abort during a request rejects with the signal's reason and closes the connection", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", delayMs: 3000 });
      const controller = new AbortController();
      const reason = new Error("user left");
      const call = client.request({ method: "GET", path: "/organizations" }, {
        abortSignal: controller.signal,
      });
      await eventually(() => fake.requests.length === 1);
      controller.abort(reason);
      await assert.rejects(call, (error: unknown) => error === reason);
      await eventually(() => fake.requests[0].closedEarly);
      assert.equal(fake.requests.length, 1);
    }));

  it("an already aborted signal sends nothing", () =>
    withFake(async (fake, client) => {
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }, {
          abortSignal: AbortSignal.abort(),
        }),
        (error: unknown) =>
          error instanceof DOMException && error.name === "AbortError",
      );
      assert.equal(fake.requests.length, 0);
    }));
});

describe("answers", () => {
  it("withRawResponse() gives status, headers and the request id", () =>
    withFake(async (_fake, client) => {
      const { data, rawResponse } = await client.request({
        ...createOrg,
        body: { name: "Raw" },
      }).withRawResponse();
      assert.equal((data as { name: string }).name, "Raw");
      assert.equal(rawResponse.statusCode, 201);
      assert.match(rawResponse.requestId ?? "", /.+/);
      assert.equal(
        rawResponse.headers.get("x-request-id"),
        rawResponse.requestId,
      );
    }));

  it("maps a 404 with the API's error shape", () =>
    withFake(async (_fake, client) => {
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations/org_missing" }),
        (error: unknown) =>
          error instanceof NotFoundError &&
          error.code === "entity_not_found" &&
          error.requestId !== undefined &&
          error.message.startsWith("404 GET /organizations/org_missing "),
      );
    }));

  it("keeps an HTML error page from a proxy as text", () =>
    withFake(async (fake, client) => {
      fake.injectFault({
        path: "/organizations",
        status: 502,
        body: "<html><h1>Bad Gateway</h1></html>",
        times: 10,
      });
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }, {
          maxRetries: 0,
        }),
        (error: unknown) =>
          error instanceof InternalServerError &&
          error.body === "<html><h1>Bad Gateway</h1></html>" &&
          error.message.includes("Bad Gateway"),
      );
    }));

  it("keeps an empty error body as an empty string", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 400, body: "" });
      await assert.rejects(
        client.request({ method: "GET", path: "/organizations" }),
        (error: unknown) =>
          error instanceof BadRequestError && error.body === "" &&
          error.message === "400 GET /organizations" +
              ` [request id: ${error.requestId}]`,
      );
    }));

  it("an empty 200 where JSON is due is a WorkOSError, not a crash", () =>
    withFake(async (fake, client) => {
      fake.injectFault({ path: "/organizations", status: 200, body: "" });
      await assert.rejects(
        client.request({
          method: "GET",
          path: "/organizations",
          parse: (wire) => wire,
        }),
        (error: unknown) =>
          error instanceof WorkOSError && error.statusCode === 200 &&
          /expected a JSON body/.test(error.message),
      );
    }));

  it("a truncated JSON body ends in a WorkOSError", () =>
    withFake(async (fake, client) => {
      fake.injectFault({
        path: "/organizations",
        truncateBody: true,
        times: 5,
      });
      await assert.rejects(
        client.request({
          method: "GET",
          path: "/organizations",
          parse: (wire) => wire,
        }, { maxRetries: 0 }),
        WorkOSError,
      );
    }));
});

describe("requests", () => {
  it("sends the bearer key, JSON and a User-Agent naming the SDK", () =>
    withFake(async (fake, client) => {
      await client.request({ ...createOrg, body: { name: "UA" } });
      const { headers, body } = fake.requests[0];
      assert.equal(headers.authorization, `Bearer ${fake.apiKey}`);
      assert.equal(headers["content-type"], "application/json");
      assert.match(
        headers["user-agent"],
        new RegExp(`^workos-sdk/${VERSION} `),
      );
      assert.deepEqual(body, { name: "UA" });
    }));

  it("merges client headers, call headers and queryParams", () =>
    withFake(async (fake, client) => {
      await client.request({
        method: "GET",
        path: "/organizations",
        query: { limit: 5 },
      }, { headers: { "x-call": "2" }, queryParams: { search: "a b" } });
      const [request] = fake.requests;
      assert.equal(request.headers["x-client"], "1");
      assert.equal(request.headers["x-call"], "2");
      assert.deepEqual(request.query, { limit: "5", search: "a b" });
    }, { headers: { "x-client": "1" } }));

  it("fills body credentials from the client's options", () =>
    withFake(async (fake, client) => {
      await client.request({
        method: "POST",
        path: "/sso/token",
        body: { code: "abc" },
        bodyCredentials: {
          clientId: "client_id",
          clientSecret: "client_secret",
        },
      }).catch(() => {});
      assert.deepEqual(fake.requests[0].body, {
        code: "abc",
        client_id: "client_123",
        client_secret: fake.apiKey,
      });
    }, { clientId: "client_123", maxRetries: 0 }));

  it("uses the fetcher option instead of the global fetch", async () => {
    const seen: string[] = [];
    await withFake(async (fake, client) => {
      await client.request({ method: "GET", path: "/organizations" });
      assert.deepEqual(seen, [`${fake.url}/organizations`]);
    }, {
      fetcher: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
  });
});
