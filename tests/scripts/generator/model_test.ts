import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kindOf } from "../../../scripts/generator/model.ts";
import type { Spec } from "../../../scripts/generator/spec.ts";

const spec: Spec = {
  paths: {},
  components: {
    schemas: {
      Name: { type: "string", minLength: 1 },
      Alias: { $ref: "#/components/schemas/Name" },
      State: { type: "string", enum: ["active", "inactive"] },
      Event: { type: "object", properties: { action: { type: "string" } } },
    },
  },
};

describe("kindOf()", () => {
  const cases: [string, object[], string][] = [
    ["a string", [{ type: "string" }], "string"],
    ["a date-time", [{ type: "string", format: "date-time" }], "string"],
    ["a string enum", [{ type: "string", enum: ["a", "b"] }], "string"],
    ["an untyped enum of strings", [{ enum: ["a", "b"] }], "string"],
    ["a const", [{ const: 3 }], "integer"],
    ["an integer", [{ type: "integer" }], "integer"],
    ["a number", [{ type: "number" }], "number"],
    ["a boolean", [{ type: "boolean" }], "boolean"],
    ["an array", [{ type: "array", items: { type: "string" } }], "array"],
    ["an object", [{ type: "object" }], "object"],
    [
      "untyped properties",
      [{ properties: { a: { type: "string" } } }],
      "object",
    ],
    ["a $ref to a $ref", [{ $ref: "#/components/schemas/Alias" }], "string"],
    ["a $ref to an enum", [{ $ref: "#/components/schemas/State" }], "string"],
    ["a $ref to an object", [{ $ref: "#/components/schemas/Event" }], "object"],
    ["a nullable string", [{ type: ["string", "null"] }], "string"],
    [
      "a oneOf of a string and null",
      [{ oneOf: [{ type: "string" }, { type: "null" }] }],
      "string",
    ],
    [
      "an allOf of a $ref and a note",
      [{
        allOf: [{ $ref: "#/components/schemas/Name" }, { description: "x" }],
      }],
      "string",
    ],
    [
      "integers and numbers",
      [{ type: "integer" }, { type: "number" }],
      "number",
    ],
    [
      "the same kind in two variants",
      [{ type: "string" }, { enum: ["x"] }],
      "string",
    ],
    [
      "an object whose variants only list what they require",
      [{ type: "object", oneOf: [{ required: ["a"] }, { required: ["b"] }] }],
      "object",
    ],
    ["a string or a number", [{ type: ["string", "number"] }], "any"],
    [
      "a oneOf of different kinds",
      [{ oneOf: [{ type: "string" }, { type: "array" }] }],
      "any",
    ],
    ["two variants of different kinds", [{ type: "string" }, {
      type: "object",
    }], "any"],
    ["an untyped schema", [{ description: "anything" }], "any"],
    ["an unknown type", [{ type: "file" }], "any"],
    ["no schema", [], "any"],
  ];
  for (const [what, schemas, kind] of cases) {
    it(`gives ${what} the kind ${kind}`, () => {
      assert.equal(kindOf(spec, schemas), kind);
    });
  }
});
