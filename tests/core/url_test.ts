import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { appendQuery, buildPath } from "../../src/core/url.ts";

describe("buildPath()", () => {
  it("percent-encodes characters that would change the path", () => {
    assert.equal(
      buildPath("/organizations/{id}", { id: "a/b?c#d%e f" }),
      "/organizations/a%2Fb%3Fc%23d%25e%20f",
    );
  });

  it("encodes non-ASCII characters as UTF-8", () => {
    assert.equal(buildPath("/users/{id}", { id: "é" }), "/users/%C3%A9");
  });

  it("fills several placeholders by name", () => {
    assert.equal(
      buildPath("/orgs/{organizationId}/roles/{slug}", {
        slug: "admin",
        organizationId: "org_1",
      }),
      "/orgs/org_1/roles/admin",
    );
  });

  for (const bad of ["", ".", "..", undefined, null, 42]) {
    it(`refuses ${JSON.stringify(bad)} with a TypeError naming the parameter`, () => {
      assert.throws(
        () => buildPath("/organizations/{id}", { id: bad }),
        (error: unknown) =>
          error instanceof TypeError && error.message.includes("'id'"),
      );
    });
  }

  it("refuses a lone surrogate with a TypeError", () => {
    assert.throws(
      () => buildPath("/users/{id}", { id: "\ud800" }),
      TypeError,
    );
  });
});

describe("appendQuery()", () => {
  it("joins arrays with commas and leaves out undefined and null", () => {
    const url = new URL("https://api.example/organizations");
    appendQuery(url, {
      domains: ["a.com", "b.com"],
      limit: 10,
      before: undefined,
      after: null,
      flag: false,
    });
    assert.equal(url.search, "?domains=a.com%2Cb.com&limit=10&flag=false");
  });

  it("leaves out an empty array rather than sending an empty filter", () => {
    const url = new URL("https://api.example/organizations");
    appendQuery(url, { domains: [], limit: 1 });
    assert.equal(url.search, "?limit=1");
  });

  it("encodes values so they cannot add parameters", () => {
    const url = new URL("https://api.example/x");
    appendQuery(url, { search: "a&limit=1#frag" });
    assert.equal(url.searchParams.get("search"), "a&limit=1#frag");
    assert.equal(url.searchParams.get("limit"), null);
  });

  it("refuses objects and non-finite numbers with a TypeError naming the parameter", () => {
    const url = new URL("https://api.example/x");
    assert.throws(() => appendQuery(url, { limit: NaN }), /'limit'/);
    assert.throws(() => appendQuery(url, { filter: { a: 1 } }), /'filter'/);
  });
});
