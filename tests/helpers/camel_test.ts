import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { camelizeKeys } from "../../src/helpers/_camel.ts";
import { withProtoAccessor } from "../support/proto_accessor.ts";

describe("camelizeKeys()", () => {
  it("keeps a __proto__ key as an own field, never the result's prototype", () => {
    withProtoAccessor(() => {
      const user = camelizeKeys(
        JSON.parse('{"id":"user_1","__proto__":{"is_admin":true}}'),
      ) as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(user), Object.prototype);
      assert.equal("isAdmin" in user, false);
      assert.equal("is_admin" in user, false);
      assert.ok(Object.hasOwn(user, "__proto__"));
    });
  });

  it("camelCases nested keys and leaves free-form maps as they are", () => {
    assert.deepEqual(
      camelizeKeys({
        first_name: "Ada",
        nested_value: { last_name: "L" },
        metadata: { cost_center: "42" },
      }),
      {
        firstName: "Ada",
        nestedValue: { lastName: "L" },
        metadata: { cost_center: "42" },
      },
    );
  });
});
