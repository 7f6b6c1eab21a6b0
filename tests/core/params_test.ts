import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CoreClient } from "../../src/core/core_client.ts";
import type { RequestOptions } from "../../src/core/options.ts";
import {
  checkParams,
  clientIdOf,
  type FieldKind,
  splitQuery,
  spreadObjects,
  withBearer,
} from "../../src/core/params.ts";

describe("checkParams()", () => {
  it("names the missing required field", () => {
    assert.throws(
      () => checkParams("organizations.create", {}, { name: "string" }),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message ===
          "Cannot call organizations.create as 'params.name' is required: received undefined",
    );
  });

  it("refuses a required field that is null", () => {
    assert.throws(
      () =>
        checkParams("organizations.create", { name: null }, { name: "any" }),
      /'params.name' is required: received null/,
    );
  });

  it("refuses params that are not an object", () => {
    for (const params of ["Foo", 42, null, [{ name: "Foo" }]]) {
      assert.throws(
        () => checkParams("organizations.create", params, { name: "string" }),
        /Cannot call organizations.create as 'params' must be an object: received /,
      );
    }
    assert.throws(
      () => checkParams("organizations.create", "Foo", { name: "string" }),
      /received a string of 3 characters$/,
    );
  });

  it("accepts absent params when nothing is required", () => {
    checkParams("organizations.list", undefined, {});
    checkParams("organizations.list", {}, {});
  });

  it("refuses absent params when a field is required", () => {
    assert.throws(
      () => checkParams("organizations.create", undefined, { name: "string" }),
      /'params' must be an object: received undefined/,
    );
  });

  it("names a required field of the wrong kind with the kind it must be", () => {
    assert.throws(
      () =>
        checkParams("organizations.create", { name: 42 }, { name: "string" }),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message ===
          "Cannot call organizations.create as 'params.name' must be a string: received 42",
    );
  });

  const cases: [FieldKind, unknown[], unknown[], string][] = [
    ["string", ["", "Foo Corp", "2024-01-01T00:00:00Z"], [
      42,
      true,
      ["Foo"],
      { name: "Foo" },
    ], "a string"],
    [
      "number",
      [0, -1, 1.5, 1e21],
      ["1", NaN, Infinity, true, [1]],
      "a finite number",
    ],
    ["integer", [0, 7, -365], [1.5, "7", NaN, Infinity, true], "an integer"],
    ["boolean", [true, false], ["true", 1, 0, [true]], "a boolean"],
    ["array", [[], ["user.created"]], [
      "user.created",
      { 0: "a", length: 1 },
      1,
    ], "an array"],
    [
      "object",
      [{}, { key: "value" }, Object.create(null)],
      ["{}", [], 1, true],
      "an object",
    ],
  ];
  for (const [kind, good, bad, what] of cases) {
    it(`checks ${kind} fields: accepts their values, refuses others as not ${what}`, () => {
      for (const value of good) {
        checkParams("vault.createObject", { field: value }, { field: kind });
      }
      for (const value of bad) {
        assert.throws(
          () =>
            checkParams("vault.createObject", { field: value }, {
              field: kind,
            }),
          (error: unknown) =>
            error instanceof TypeError &&
            error.message.startsWith(
              `Cannot call vault.createObject as 'params.field' must be ${what}: received `,
            ),
          `${kind} accepted ${String(value)}`,
        );
      }
    });
  }

  it("checks only presence for a field of several kinds", () => {
    for (const value of ["a", 1, false, [], {}]) {
      checkParams("vault.createObject", { field: value }, { field: "any" });
    }
  });

  it("shows only the length of a string given where another kind is due", () => {
    assert.throws(
      () =>
        checkParams("auditLogs.updateRetention", {
          retentionPeriodInDays: "hunter2-secret",
        }, { retentionPeriodInDays: "integer" }),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message ===
          "Cannot call auditLogs.updateRetention as 'params.retentionPeriodInDays' must be an integer: received a string of 14 characters",
    );
  });

  it("checks the fields in order and reports the first that fails", () => {
    assert.throws(
      () =>
        checkParams("applications.create", { name: 1 }, {
          name: "string",
          applicationType: "string",
        }),
      /'params.name' must be a string: received 1$/,
    );
    assert.throws(
      () =>
        checkParams("applications.create", { name: "App" }, {
          name: "string",
          applicationType: "string",
        }),
      /'params.applicationType' is required/,
    );
  });
});

describe("splitQuery()", () => {
  it("puts query names in the query and the rest in the body", () => {
    assert.deepEqual(
      splitQuery({ organization_id: "org_1", access_token: "t" }, [
        "organization_id",
      ]),
      { query: { organization_id: "org_1" }, body: { access_token: "t" } },
    );
  });
});

describe("spreadObjects()", () => {
  it("spreads an object parameter into name[key] entries", () => {
    assert.deepEqual(
      spreadObjects({
        provider_query_params: { hd: "example.com" },
        state: "s",
      }),
      { "provider_query_params[hd]": "example.com", state: "s" },
    );
  });
});

describe("clientIdOf()", () => {
  it("returns the client id from the options", () => {
    const client = new CoreClient({ clientId: "client_123" });
    assert.equal(clientIdOf(client, "sso.getAuthorizationUrl"), "client_123");
  });
});

describe("withBearer()", () => {
  it("sets the Authorization header and keeps the caller's headers", () => {
    assert.deepEqual(
      withBearer("sso.getProfile", { headers: { "x-a": "1" } }, "tok"),
      { headers: { "x-a": "1", authorization: "Bearer tok" } },
    );
  });

  it("refuses invalid request options before copying them", () => {
    for (const options of ["fast", { headers: "x-a: 1" }, { headers: null }]) {
      assert.throws(
        () =>
          withBearer(
            "sso.getProfile",
            options as unknown as RequestOptions,
            "tok",
          ),
        TypeError,
      );
    }
  });

  it("refuses an empty token", () => {
    assert.throws(
      () => withBearer("sso.getProfile", undefined, ""),
      /Cannot call sso.getProfile as 'accessToken' must be a non-empty string/,
    );
  });
});
