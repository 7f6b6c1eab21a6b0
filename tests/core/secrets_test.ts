import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { CoreClient } from "../../src/core/core_client.ts";
import { describe as describeValue } from "../../src/core/options.ts";
import { checkParams } from "../../src/core/params.ts";
import { withFake } from "../support/fake_client.ts";

const KEY = "sk_test_SECRET_4d1f0c2a9b";

describe("the API key is never shown", () => {
  it("is absent from JSON.stringify, Deno.inspect and util.inspect of the client", () => {
    const client = new CoreClient({ authorizationToken: KEY });
    for (
      const text of [
        JSON.stringify(client),
        Deno.inspect(client),
        inspect(client),
        inspect(client, { showHidden: true, depth: 10 }),
        String(client),
      ]
    ) {
      assert.equal(text.includes(KEY), false, text);
    }
  });

  it("is absent from errors, their stacks and JSON, and from log lines at every level", async () => {
    const lines: string[] = [];
    const record = (...parts: unknown[]) =>
      lines.push(parts.map((p) => inspect(p, { depth: 10 })).join(" "));
    const logger = { debug: record, info: record, warn: record, error: record };

    const fake = await import("../../src/testing/mod.ts").then((m) =>
      m.startFakeWorkOS({ apiKey: KEY })
    );
    try {
      const client = new CoreClient({
        authorizationToken: KEY,
        baseUrl: fake.url,
        logger,
        logLevel: "debug",
        backoff: { initialDelayInSeconds: 0.01 },
      });
      fake.injectFault({ path: "/organizations", status: 503, times: 10 });
      const errors: unknown[] = [];
      await client.request({ method: "GET", path: "/organizations" }).catch((
        e,
      ) => errors.push(e));
      await client.request({ method: "GET", path: "/nowhere" }).catch((e) =>
        errors.push(e)
      );
      fake.injectFault({ path: "/organizations", delayMs: 2000 });
      await client.request({ method: "GET", path: "/organizations" }, {
        timeoutInSeconds: 0.1,
        maxRetries: 0,
      }).catch((e) => errors.push(e));
      assert.equal(errors.length, 3);
      assert.ok(lines.length > 3, "the logger received lines");
      for (const error of errors) {
        const e = error as Error;
        for (
          const text of [
            e.message,
            e.stack ?? "",
            JSON.stringify(e),
            inspect(e, { depth: 10, showHidden: true }),
            Deno.inspect(e, { depth: 10 }),
          ]
        ) {
          assert.equal(text.includes(KEY), false, text);
        }
      }
      for (const line of lines) assert.equal(line.includes(KEY), false, line);
    } finally {
      await fake.close();
    }
  });

  it("stays silent by default", () =>
    withFake(async (fake, client) => {
      const original = { ...console };
      const written: unknown[] = [];
      for (const level of ["debug", "info", "warn", "error", "log"] as const) {
        console[level] = (...args: unknown[]) => written.push(args);
      }
      try {
        fake.injectFault({ path: "/organizations", status: 503 });
        await client.request({ method: "GET", path: "/organizations" });
      } finally {
        Object.assign(console, original);
      }
      assert.deepEqual(written, []);
    }));
});

describe("a secret passed in the wrong place is not shown", () => {
  it("as the client's options, as other SDKs take the key", () => {
    assert.throws(
      () => new CoreClient(KEY as never),
      (error: unknown) =>
        error instanceof TypeError && !error.message.includes(KEY) &&
        error.message.endsWith(`received a string of ${KEY.length} characters`),
    );
  });

  it("as params, a params field or request options", () => {
    const client = new CoreClient({ authorizationToken: KEY });
    assert.throws(
      () => checkParams("organizations.create", KEY, { name: "string" }),
      (error: unknown) =>
        error instanceof TypeError && !error.message.includes(KEY),
    );
    assert.throws(
      () =>
        checkParams("auditLogs.updateRetention", {
          retentionPeriodInDays: KEY,
        }, { retentionPeriodInDays: "integer" }),
      (error: unknown) =>
        error instanceof TypeError && !error.message.includes(KEY) &&
        error.message.includes("'params.retentionPeriodInDays'"),
    );
    assert.throws(
      () =>
        client.request({ method: "GET", path: "/organizations" }, KEY as never),
      (error: unknown) =>
        error instanceof TypeError && !error.message.includes(KEY),
    );
  });

  it("as any other argument when it is an API key", () => {
    assert.equal(describeValue(KEY), "an API key (sk_…, not shown)");
    assert.equal(describeValue("org_1"), '"org_1"');
  });
});

describe("environment", () => {
  it("constructing a client in Deno without --allow-env never throws nor prompts", async () => {
    const script = `
      import { CoreClient } from "${new URL(
      "../../src/core/core_client.ts",
      import.meta.url,
    )}";
      const client = new CoreClient();
      try {
        client.request({ method: "GET", path: "/organizations" });
        console.log("sent");
      } catch (error) {
        console.log(error.constructor.name + ": " + error.message);
      }
    `;
    const file = await Deno.makeTempFile({ suffix: ".ts" });
    await Deno.writeTextFile(file, script);
    // `deno run` grants nothing unless asked: no env permission here.
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", "--no-lock", file],
      env: { WORKOS_API_KEY: "sk_test_hidden" },
      stdout: "piped",
      stderr: "piped",
    }).output().finally(() => Deno.remove(file));
    const text = new TextDecoder().decode(output.stdout);
    assert.equal(output.success, true, new TextDecoder().decode(output.stderr));
    assert.match(
      text,
      /^TypeError: Cannot send GET \/organizations as no API key is set/,
    );
  });
});
