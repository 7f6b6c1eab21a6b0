import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  camelCase,
  fromWire,
  parser,
  type Shape,
  snakeCase,
  toWire,
  type Union,
} from "../../src/core/mapping.ts";
import * as wire from "../../src/types/wire.ts";
import { withProtoAccessor } from "../support/proto_accessor.ts";

const domain: Shape = {};
const organization: Shape = { domains: domain };

const wireOrganization = {
  object: "organization",
  id: "org_01",
  name: "Foo Corp",
  domains: [
    { id: "org_domain_01", verification_strategy: "dns" },
    { id: "org_domain_02", verification_strategy: "manual" },
  ],
  metadata: { tier_level: "gold", "Cost-Center": "42", nested_key: "x" },
  created_at: "2024-01-16T14:20:00.000Z",
};

describe("camelCase() and snakeCase()", () => {
  it("convert between wire and SDK names", () => {
    assert.equal(camelCase("created_at"), "createdAt");
    assert.equal(camelCase("api_key_last_4"), "apiKeyLast4");
    assert.equal(snakeCase("createdAt"), "created_at");
  });

  it("leave names without separators or capitals as they are", () => {
    assert.equal(camelCase("x5t#S256"), "x5t#S256");
    assert.equal(camelCase("_private"), "_private");
    assert.equal(snakeCase("id"), "id");
  });
});

describe("fromWire()", () => {
  it("camelCases the keys of nested arrays of objects", () => {
    const org = fromWire<Record<string, unknown>>(
      wireOrganization,
      organization,
    );
    assert.deepEqual(org.domains, [
      { id: "org_domain_01", verificationStrategy: "dns" },
      { id: "org_domain_02", verificationStrategy: "manual" },
    ]);
    assert.equal(org.createdAt, "2024-01-16T14:20:00.000Z");
  });

  it("keeps metadata keys untouched", () => {
    const org = fromWire<Record<string, unknown>>(
      wireOrganization,
      organization,
    );
    assert.deepEqual(org.metadata, {
      tier_level: "gold",
      "Cost-Center": "42",
      nested_key: "x",
    });
  });

  it("keeps fields the descriptor does not know, under a camelCase key", () => {
    const org = fromWire<Record<string, unknown>>(
      { ...wireOrganization, added_later: { some_value: 1 } },
      organization,
    );
    assert.deepEqual(org.addedLater, { some_value: 1 });
  });

  it("does not change its input", () => {
    const input = structuredClone(wireOrganization);
    fromWire(input, organization);
    assert.deepEqual(input, wireOrganization);
  });

  it("passes null, scalars and arrays of scalars through", () => {
    assert.equal(fromWire(null, organization), null);
    assert.equal(fromWire("text", organization), "text");
    assert.deepEqual(
      fromWire({ scopes: ["openid", "email"] }, {}),
      { scopes: ["openid", "email"] },
    );
  });
});

describe("toWire()", () => {
  it("round-trips a payload with metadata, unknown fields and nested arrays", () => {
    const withExtra = { ...wireOrganization, added_later: "kept" };
    const sdk = fromWire(withExtra, organization);
    assert.deepEqual(toWire(sdk, organization), withExtra);
  });

  it("leaves out undefined fields, so unset options are not sent", () => {
    assert.deepEqual(
      toWire({ name: "Foo", externalId: undefined }, organization),
      { name: "Foo" },
    );
  });

  it("finds the wire name of a field whose name does not convert back", () => {
    const shape: Shape = { api_key_last_4: "plain", updatedAfter: "plain" };
    const sdk = fromWire<Record<string, unknown>>(
      { api_key_last_4: "abcd", updatedAfter: "2024-01-01" },
      shape,
    );
    assert.deepEqual(sdk, { apiKeyLast4: "abcd", updatedAfter: "2024-01-01" });
    assert.deepEqual(toWire(sdk, shape), {
      api_key_last_4: "abcd",
      updatedAfter: "2024-01-01",
    });
  });
});

describe("union descriptors", () => {
  const union: Union = ["event", {
    "user.created": { data: { profile: {} } },
    "user.deleted": {},
  }];

  it("map each member by the descriptor its constant field picks", () => {
    const created = fromWire<Record<string, unknown>>(
      { event: "user.created", data: { profile: { first_name: "Ada" } } },
      union,
    );
    assert.deepEqual(created.data, { profile: { firstName: "Ada" } });
    const deleted = fromWire<Record<string, unknown>>(
      { event: "user.deleted", data: { raw_value: { first_name: "Ada" } } },
      union,
    );
    assert.deepEqual(deleted.data, { raw_value: { first_name: "Ada" } });
  });

  it("map a member no case names at its top level only", () => {
    const newer = fromWire<Record<string, unknown>>(
      { event: "user.renamed", created_at: "t", data: { new_name: "x" } },
      union,
    );
    assert.deepEqual(newer, {
      event: "user.renamed",
      createdAt: "t",
      data: { new_name: "x" },
    });
  });

  it("pick the member by the camelCase field on the way out", () => {
    assert.deepEqual(
      toWire(
        { event: "user.created", data: { profile: { firstName: "A" } } },
        union,
      ),
      { event: "user.created", data: { profile: { first_name: "A" } } },
    );
  });
});

describe("generated descriptors", () => {
  it("map an organization answer, keeping its metadata", () => {
    const parse = parser<Record<string, unknown>>(wire.organization);
    const org = parse(wireOrganization);
    assert.deepEqual(org.metadata, wireOrganization.metadata);
    assert.deepEqual((org.domains as unknown[])[0], {
      id: "org_domain_01",
      verificationStrategy: "dns",
    });
  });

  it("keep a directory user's raw and custom attributes untouched", () => {
    const user = fromWire<Record<string, unknown>>({
      id: "directory_user_01",
      first_name: "Ada",
      raw_attributes: { "urn:scim:schemas": { given_name: "Ada" } },
      custom_attributes: { cost_center: "42" },
      groups: [{ id: "g_1", raw_attributes: { display_name: "Eng" } }],
    }, wire.directoryUserWithGroups);
    assert.equal(user.firstName, "Ada");
    assert.deepEqual(user.rawAttributes, {
      "urn:scim:schemas": { given_name: "Ada" },
    });
    assert.deepEqual(user.customAttributes, { cost_center: "42" });
    assert.deepEqual(user.groups, [{
      id: "g_1",
      rawAttributes: { display_name: "Eng" },
    }]);
  });

  it("map an event's data by its event type", () => {
    const event = fromWire<Record<string, unknown>>({
      id: "event_01",
      event: "organization.updated",
      data: {
        id: "org_01",
        domains: [{ id: "org_domain_01", organization_id: "org_01" }],
        metadata: { tier_level: "gold" },
      },
      created_at: "2024-01-16T14:20:00.000Z",
    }, wire.event);
    assert.deepEqual(event.data, {
      id: "org_01",
      domains: [{ id: "org_domain_01", organizationId: "org_01" }],
      metadata: { tier_level: "gold" },
    });
    assert.equal(event.createdAt, "2024-01-16T14:20:00.000Z");
  });
});

describe("a __proto__ key in a payload", () => {
  it("stays an own data field both ways, never the result's prototype", () => {
    withProtoAccessor(() => {
      const payload = JSON.parse('{"id":"x_1","__proto__":{"is_admin":true}}');
      const sdk = fromWire<Record<string, unknown>>(payload, organization);
      assert.equal(Object.getPrototypeOf(sdk), Object.prototype);
      assert.equal("isAdmin" in sdk, false);
      assert.equal("is_admin" in sdk, false);
      assert.ok(Object.hasOwn(sdk, "__proto__"));
      const back = toWire<Record<string, unknown>>(sdk, organization);
      assert.equal(Object.getPrototypeOf(back), Object.prototype);
      assert.equal("is_admin" in back, false);
    });
  });
});
