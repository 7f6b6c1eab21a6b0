import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CoreClient } from "../../src/core/core_client.ts";
import type { Logger } from "../../src/core/logger.ts";
import type {
  BackoffOptions,
  ClientOptions,
  RequestOptions,
} from "../../src/core/options.ts";

function countingClient(options: ClientOptions = {}) {
  const calls: string[] = [];
  const client = new CoreClient({
    authorizationToken: "sk_test_options",
    fetcher: (input) => {
      calls.push(String(input));
      return Promise.resolve(new Response("{}"));
    },
    ...options,
  });
  return { client, calls };
}

describe("client options", () => {
  const bad: Array<[string, ClientOptions, typeof Error]> = [
    ["maxRetries", { maxRetries: -1 }, RangeError],
    ["maxRetries", { maxRetries: 1.5 }, RangeError],
    ["timeoutInSeconds", { timeoutInSeconds: NaN }, RangeError],
    ["timeoutInSeconds", { timeoutInSeconds: 0 }, RangeError],
    ["timeoutInSeconds", { timeoutInSeconds: Infinity }, RangeError],
    // Beyond what a timer holds, the runtime would fire it at once.
    ["timeoutInSeconds", { timeoutInSeconds: 3_000_000 }, RangeError],
    ["backoff.maxDelayInSeconds", {
      backoff: { maxDelayInSeconds: 1e7 },
    }, RangeError],
    ["backoff.maxRetryAfterInSeconds", {
      backoff: { maxRetryAfterInSeconds: 1e7 },
    }, RangeError],
    ["backoff.initialDelayInSeconds", {
      backoff: { initialDelayInSeconds: -1 },
    }, RangeError],
    ["baseUrl", { baseUrl: "not a url" }, TypeError],
    ["baseUrl", { baseUrl: "ftp://example.com" }, TypeError],
    // Not the production default: null is an unset setting.
    ["baseUrl", { baseUrl: null as unknown as string }, TypeError],
    ["headers", { headers: { "x-a": 1 as unknown as string } }, TypeError],
    // Refused here rather than by fetch at the first request, unnamed.
    ["headers", { headers: { "x a": "1" } }, TypeError],
    ["headers", { headers: { "x-a": "1\r\nx-b: 2" } }, TypeError],
    ["headers", { headers: { "x-a": "日本" } }, TypeError],
    ["backoff", { backoff: 5 as unknown as BackoffOptions }, TypeError],
    ["fetcher", { fetcher: "fetch" as unknown as typeof fetch }, TypeError],
    ["authorizationToken", { authorizationToken: "" }, TypeError],
    ["logLevel", { logLevel: "loud" as "info" }, RangeError],
    // Inherited from Object.prototype, not a level.
    ["logLevel", { logLevel: "toString" as "info" }, RangeError],
    ["logger", { logger: "console" as unknown as Logger }, TypeError],
    ["logger", { logger: { info: () => {} } as unknown as Logger }, TypeError],
  ];
  for (const [name, options, ErrorClass] of bad) {
    it(`refuses an invalid '${name}' with a ${ErrorClass.name} naming it`, () => {
      assert.throws(
        () => new CoreClient(options),
        (error: unknown) =>
          error instanceof ErrorClass && error.message.includes(`'${name}'`),
      );
    });
  }

  it("constructs without any secret or readable environment", () => {
    const client = new CoreClient();
    assert.equal(client.baseUrl, "https://api.workos.com");
  });

  it("accepts the longest timeout a timer can hold", async () => {
    const { client, calls } = countingClient({
      timeoutInSeconds: 2_147_483,
      backoff: { maxDelayInSeconds: 2_147_483 },
    });
    await client.request({ method: "GET", path: "/organizations" });
    assert.equal(calls.length, 1);
  });

  it("strips a trailing slash from baseUrl", () => {
    assert.equal(
      new CoreClient({ baseUrl: "http://127.0.0.1:8080/" }).baseUrl,
      "http://127.0.0.1:8080",
    );
  });
});

describe("request options", () => {
  const bad: Array<[string, RequestOptions, typeof Error]> = [
    ["maxRetries", { maxRetries: -1 }, RangeError],
    ["timeoutInSeconds", { timeoutInSeconds: NaN }, RangeError],
    ["timeoutInSeconds", { timeoutInSeconds: -5 }, RangeError],
    ["timeoutInSeconds", { timeoutInSeconds: 2_200_000 }, RangeError],
    ["idempotencyKey", { idempotencyKey: "" }, TypeError],
    ["idempotencyKey", { idempotencyKey: "key\nnext" }, TypeError],
    ["idempotencyKey", { idempotencyKey: "clé-日本" }, TypeError],
    ["headers", { headers: { "x-a\n": "1" } }, TypeError],
    ["abortSignal", {
      abortSignal: {} as AbortSignal,
    }, TypeError],
    [
      "headers",
      { headers: [] as unknown as Record<string, string> },
      TypeError,
    ],
    ["queryParams", {
      queryParams: "a=1" as unknown as Record<string, string>,
    }, TypeError],
  ];
  for (const [name, options, ErrorClass] of bad) {
    it(`refuses an invalid '${name}' with a ${ErrorClass.name} before any request`, () => {
      const { client, calls } = countingClient();
      assert.throws(
        () =>
          client.request({ method: "GET", path: "/organizations" }, options),
        (error: unknown) =>
          error instanceof ErrorClass && error.message.includes(`'${name}'`),
      );
      assert.equal(calls.length, 0);
    });
  }

  it("refuses invalid options of a list call before any request", () => {
    const { client, calls } = countingClient();
    assert.throws(
      () =>
        client.requestPage(
          { method: "GET", path: "/organizations" },
          (x) => x,
          {
            maxRetries: -1,
          },
        ),
      RangeError,
    );
    assert.equal(calls.length, 0);
  });
});

describe("credentials", () => {
  it("a missing API key fails at the first request, naming both ways to set it", () => {
    const previous = Deno.env.get("WORKOS_API_KEY");
    Deno.env.delete("WORKOS_API_KEY");
    try {
      const client = new CoreClient({ fetcher: () => Promise.reject() });
      assert.throws(
        () => client.request({ method: "GET", path: "/organizations" }),
        (error: unknown) =>
          error instanceof TypeError &&
          error.message.includes("'authorizationToken'") &&
          error.message.includes("WORKOS_API_KEY"),
      );
    } finally {
      if (previous !== undefined) Deno.env.set("WORKOS_API_KEY", previous);
    }
  });

  it("reads WORKOS_API_KEY and WORKOS_CLIENT_ID when the request needs them", async () => {
    const seen: Headers[] = [];
    const client = new CoreClient({
      fetcher: (_input, init) => {
        seen.push(new Headers(init?.headers));
        return Promise.resolve(new Response("{}"));
      },
    });
    Deno.env.set("WORKOS_API_KEY", "sk_test_from_env");
    Deno.env.set("WORKOS_CLIENT_ID", "client_from_env");
    try {
      await client.request({ method: "GET", path: "/organizations" });
      assert.equal(seen[0].get("authorization"), "Bearer sk_test_from_env");
      assert.equal(client.clientId, "client_from_env");
    } finally {
      Deno.env.delete("WORKOS_API_KEY");
      Deno.env.delete("WORKOS_CLIENT_ID");
    }
  });

  it("public endpoints send no Authorization header", async () => {
    const seen: Headers[] = [];
    const client = new CoreClient({
      fetcher: (_input, init) => {
        seen.push(new Headers(init?.headers));
        return Promise.resolve(new Response("{}"));
      },
    });
    await client.request({ method: "GET", path: "/sso/jwks/x", auth: "none" });
    assert.equal(seen[0].has("authorization"), false);
  });
});

describe("public clients", () => {
  const authenticate = (body: Record<string, unknown>) => ({
    method: "POST" as const,
    path: "/user_management/authenticate",
    body,
    bodyCredentials: {
      clientId: "client_id",
      clientSecret: "client_secret",
      publicWith: "code_verifier",
    },
  });

  function recordingClient(options: { authorizationToken?: string } = {}) {
    const sent: Array<{ headers: Headers; body: unknown }> = [];
    const client = new CoreClient({
      clientId: "client_public",
      maxRetries: 0,
      fetcher: (_input, init) => {
        sent.push({
          headers: new Headers(init?.headers),
          body: JSON.parse(String(init?.body)),
        });
        return Promise.resolve(new Response("{}"));
      },
      ...options,
    });
    return { client, sent };
  }

  it("authenticate with a code verifier and no API key sends no secret and no bearer", async () => {
    const previous = Deno.env.get("WORKOS_API_KEY");
    Deno.env.delete("WORKOS_API_KEY");
    try {
      const { client, sent } = recordingClient();
      await client.request(authenticate({ code: "c", code_verifier: "v" }));
      assert.equal(sent[0].headers.has("authorization"), false);
      assert.deepEqual(sent[0].body, {
        code: "c",
        code_verifier: "v",
        client_id: "client_public",
      });

      // Without the verifier the key is still required.
      assert.throws(
        () => client.request(authenticate({ code: "c" })),
        /no API key is set/,
      );
    } finally {
      if (previous !== undefined) Deno.env.set("WORKOS_API_KEY", previous);
    }
  });

  it("a confidential client still sends its secret alongside a code verifier", async () => {
    const { client, sent } = recordingClient({
      authorizationToken: "sk_test_confidential",
    });
    await client.request(authenticate({ code: "c", code_verifier: "v" }));
    assert.equal(
      sent[0].headers.get("authorization"),
      "Bearer sk_test_confidential",
    );
    assert.equal(
      (sent[0].body as Record<string, string>).client_secret,
      "sk_test_confidential",
    );
  });
});
