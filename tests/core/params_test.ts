import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CoreClient } from "../../src/core/core_client.ts";
import type { RequestOptions } from "../../src/core/options.ts";
import {
  checkParams,
  clientIdOf,
  splitQuery,
  spreadObjects,
  withBearer,
} from "../../src/core/params.ts";

describe("checkParams()", () => {
  it("names the missing required field", () => {
    assert.throws(
      () => checkParams("organizations.create", {}, ["name"]),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message ===
          "Cannot call organizations.create as 'params.name' is required: received undefined",
    );
  });

  it("refuses params that are not an object", () => {
    assert.throws(
      () => checkParams("organizations.create", "Foo", ["name"]),
      /Cannot call organizations.create as 'params' must be an object: received a string of 3 characters/,
    );
  });

  it("accepts absent params when nothing is required", () => {
    checkParams("organizations.list", undefined, []);
    checkParams("organizations.create", { name: "Foo" }, ["name"]);
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
