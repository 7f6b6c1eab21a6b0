/**
 * Turns JSON Schemas into TypeScript types, doc comments and the mapping
 * descriptors (`Shape`s) of `src/core/mapping.ts`.
 *
 * @module
 */

import { camelCase, snakeCase } from "../../src/core/mapping.ts";
import { refName, type Schema, type Spec } from "./spec.ts";

/**
 * A descriptor as the generator sees it, before it is written out: a
 * reference to a named schema's descriptor, an object's fields, or a union
 * whose branch a field's value picks.
 */
export type ShapeNode =
  | { ref: string }
  | { fields: Map<string, FieldNode> }
  | { by: string; cases: Map<string, ShapeNode> };

/**
 * The rule of a field: a nested descriptor, `"free"` for a free-form map
 * (written out as nothing, since such values pass as they are), or
 * `"plain"` for a scalar listed for its irregular name.
 */
export type FieldNode = ShapeNode | "free" | "plain";

/** Thrown when union members disagree on whether a field is free-form. */
class ShapeConflict extends Error {}

/** Options for one {@link SchemaWriter.type} call. */
export interface TypeOptions {
  /** Wire names left out of the top-level object (filled by the client). */
  omit?: ReadonlySet<string>;
  /** Wire names made optional in the top-level object (filled by the SDK). */
  optional?: ReadonlySet<string>;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Whether a wire name needs listing so the reverse mapping finds it. */
export function isIrregular(wire: string): boolean {
  return snakeCase(camelCase(wire)) !== wire;
}

/** A property key as written in TypeScript. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/**
 * Writes TypeScript for schemas. Named schemas become references through
 * `nameOf`; everything else is written inline.
 */
export class SchemaWriter {
  #spec: Spec;
  #nameOf: (specName: string) => string;

  /**
   * @param spec The spec.
   * @param nameOf The TypeScript name of a spec schema.
   * @param qualify How a name of the namespace is written where it is used
   * (`WorkOS.User` outside the namespace).
   */
  constructor(
    spec: Spec,
    nameOf: (specName: string) => string,
    qualify: (name: string) => string = (name) => name,
  ) {
    this.#spec = spec;
    this.#nameOf = (specName) => qualify(nameOf(specName));
    this.#openEnum = qualify("OpenEnum");
  }

  #openEnum: string;

  /** The schema a `$ref` names. */
  resolve(schema: Schema): Schema {
    let current = schema;
    while (current.$ref) {
      current = this.#spec.components.schemas[refName(current.$ref)];
    }
    return current;
  }

  /** The TypeScript type of a schema. */
  type(schema: Schema | undefined, options: TypeOptions = {}): string {
    if (schema === undefined) return "unknown";
    if (schema.$ref) return this.#nameOf(refName(schema.$ref));

    const parts: string[] = [];
    if (schema.allOf) {
      parts.push(
        ...schema.allOf.map((member: Schema) =>
          this.#group(this.type(member, options))
        ),
      );
    }
    const choices = schema.oneOf ?? schema.anyOf;
    if (choices) {
      const members = unique(
        choices.map((member: Schema) => this.type(member, options)),
      );
      parts.push(
        members.length === 1 ? members[0] : `(${members.join(" | ")})`,
      );
    }
    if (schema.properties || (parts.length === 0 && isObjectType(schema))) {
      parts.unshift(this.#objectType(schema, options));
    } else if (parts.length === 0) {
      parts.push(this.#scalarType(schema, options));
    }
    return parts.length === 1 ? parts[0] : parts.join(" & ");
  }

  /** Whether a schema is written as an interface when it is named. */
  isInterface(schema: Schema): boolean {
    return !schema.$ref && !schema.allOf && !schema.oneOf && !schema.anyOf &&
      schema.properties !== undefined &&
      Object.keys(schema.properties).length > 0 &&
      !nullable(schema) && schema.additionalProperties === undefined;
  }

  /** The members of an object schema, one per line, with doc comments. */
  members(schema: Schema, options: TypeOptions = {}): string {
    const required = new Set<string>(schema.required ?? []);
    const lines: string[] = [];
    const entries = Object.entries<Schema>(schema.properties ?? {});
    // Where the API sends a field twice, as `created_at` and as a deprecated
    // `createdAt`, both have one camelCase name: the type lists it once.
    const keep = new Map<string, string>();
    for (const [wire, property] of entries) {
      const name = camelCase(wire);
      const before = keep.get(name);
      if (before === undefined || schema.properties[before].deprecated) {
        if (!property.deprecated || before === undefined) keep.set(name, wire);
      }
    }
    for (const [wire, property] of entries) {
      if (keep.get(camelCase(wire)) !== wire) continue;
      if (options.omit?.has(wire)) continue;
      const filled = options.optional?.has(wire) ?? false;
      const optional = required.has(wire) && !filled ? "" : "?";
      const doc = this.describe(wire, property);
      if (filled) doc[0] += " Sent by the SDK when left out.";
      lines.push(
        docComment(doc),
        `${propertyKey(camelCase(wire))}${optional}: ${this.type(property)};`,
      );
    }
    for (const wire of forbidden(schema)) {
      if (options.omit?.has(wire) || schema.properties?.[wire]) continue;
      lines.push(
        docComment([`\`${wire}\` may not be sent together with this variant.`]),
        `${propertyKey(camelCase(wire))}?: never;`,
      );
    }
    return lines.join("\n");
  }

  #objectType(schema: Schema, options: TypeOptions): string {
    const hasProperties = Object.keys(schema.properties ?? {}).length > 0;
    const extra = schema.additionalProperties ?? schema.patternProperties;
    let type: string;
    if (!hasProperties && forbidden(schema).length === 0) {
      type = extra === undefined || extra === true
        ? "Record<string, unknown>"
        : `Record<string, ${this.#mapValueType(schema)}>`;
      if (
        extra === false && schema.patternProperties === undefined
      ) type = "Record<string, never>";
    } else {
      type = `{\n${this.members(schema, options)}\n}`;
    }
    return nullable(schema) ? `${type} | null` : type;
  }

  #mapValueType(schema: Schema): string {
    if (schema.patternProperties) {
      const values = Object.values<Schema>(schema.patternProperties).map((
        value,
      ) => this.type(value));
      return unique(values).join(" | ");
    }
    const value = schema.additionalProperties;
    if (value === true || Object.keys(value).length === 0) return "unknown";
    return this.type(value);
  }

  #scalarType(schema: Schema, options: TypeOptions): string {
    if ("const" in schema) return JSON.stringify(schema.const);
    if (schema.enum) {
      const values: unknown[] = schema.enum;
      const strings = values.filter((v): v is string => typeof v === "string");
      const others = values.filter((v) => typeof v !== "string").map((v) =>
        JSON.stringify(v)
      );
      const known = strings.map((v) => JSON.stringify(v)).join(" | ");
      const parts = strings.length > 0 ? [`${this.#openEnum}<${known}>`] : [];
      if (nullable(schema) && !values.includes(null)) others.push("null");
      return [...parts, ...others].join(" | ");
    }
    const types: string[] = Array.isArray(schema.type)
      ? schema.type
      : schema.type
      ? [schema.type]
      : [];
    if (types.length === 0) return "unknown";
    return unique(types.map((type) => {
      switch (type) {
        case "string":
          return "string";
        case "integer":
        case "number":
          return "number";
        case "boolean":
          return "boolean";
        case "null":
          return "null";
        case "array":
          return `${this.#group(this.type(schema.items))}[]`;
        case "object":
          return this.#objectType({ ...schema, type: "object" }, options);
        default:
          throw new Error(`Unsupported schema type: ${type}`);
      }
    })).join(" | ");
  }

  #group(type: string): string {
    return /^[A-Za-z0-9_.<>, "|]+$/.test(type) && !type.includes("|")
      ? type
      : `(${type})`;
  }

  /**
   * A short description of a field from its structure: wire name, kind,
   * limits, default and an example value.
   */
  describe(wire: string, schema: Schema, where = "on the wire"): string[] {
    const resolved = this.resolve(schema);
    const sentences = [`\`${wire}\` ${where}: ${this.kind(schema)}.`];
    const limits = limitsOf(resolved);
    if (limits.length > 0) sentences.push(capitalize(`${limits.join(", ")}.`));
    if (resolved.default !== undefined) {
      sentences.push(`Defaults to \`${JSON.stringify(resolved.default)}\`.`);
    }
    const example = schema.example ?? resolved.example;
    const text = example === undefined ? "" : JSON.stringify(example);
    if (text !== "" && text.length <= 72 && typeof example !== "object") {
      sentences.push(`Example: \`${text}\`.`);
    }
    const lines = [sentences.join(" ")];
    if (schema.deprecated || resolved.deprecated) lines.push("@deprecated");
    return lines;
  }

  /** The kind of a value in a few words: `an ISO 8601 date-time string`. */
  kind(schema: Schema): string {
    if (schema.$ref) {
      return `a {@link ${this.#nameOf(refName(schema.$ref))}}`;
    }
    if ("const" in schema) return `always \`${JSON.stringify(schema.const)}\``;
    if (schema.enum) {
      return `one of ${
        schema.enum.map((v: unknown) => `\`${JSON.stringify(v)}\``).join(", ")
      }${
        schema.enum.every((v: unknown) => typeof v === "string")
          ? " or a newer value"
          : ""
      }`;
    }
    const choices = schema.oneOf ?? schema.anyOf;
    if (choices) {
      return `${schema.oneOf ? "one" : "any"} of: ${
        choices.map((member: Schema) => this.kind(member)).join("; ")
      }`;
    }
    if (schema.allOf) return "an object";
    const types: string[] = Array.isArray(schema.type)
      ? schema.type
      : schema.type
      ? [schema.type]
      : [];
    const orNull = types.includes("null") ? " or `null`" : "";
    const main = types.find((type) => type !== "null");
    switch (main) {
      case "string":
        return `${stringKind(schema.format)}${orNull}`;
      case "integer":
        return `an integer${orNull}`;
      case "number":
        return `a number${orNull}`;
      case "boolean":
        return `a boolean${orNull}`;
      case "array":
        return `a list of ${this.#plural(schema.items ?? {})}${orNull}`;
      case "object":
        if (schema.properties) return `an object${orNull}`;
        return `a map with keys kept as sent${orNull}`;
      default:
        return types.includes("null") ? "`null`" : "any JSON value";
    }
  }

  #plural(items: Schema): string {
    const kind = this.kind(items);
    const link = kind.match(/^a \{@link ([\w.]+)\}$/);
    if (link) return `{@link ${link[1]}} items`;
    const simple = kind.match(
      /^an? (string|integer|number|boolean|object|URL|email address)$/,
    );
    if (simple) return `${simple[1]}s`;
    return `items that are ${kind}`;
  }

  /**
   * The mapping descriptor of a schema, or `undefined` when its values pass
   * as they are (scalars, free-form maps).
   */
  shape(schema: Schema | undefined): ShapeNode | undefined {
    const node = this.node(schema);
    return node === "free" ? undefined : node;
  }

  /** The rule of a value of `schema`, or `undefined` for a scalar. */
  node(schema: Schema | undefined): ShapeNode | "free" | undefined {
    if (schema === undefined) return undefined;
    if (schema.$ref) {
      const target = this.node(
        this.#spec.components.schemas[refName(schema.$ref)],
      );
      return target === undefined || target === "free"
        ? target
        : { ref: refName(schema.$ref) };
    }
    let result: FieldNode | undefined;
    if (schema.properties && Object.keys(schema.properties).length > 0) {
      const fields = new Map<string, FieldNode>();
      for (
        const [wire, property] of Object.entries<Schema>(schema.properties)
      ) {
        const node = this.node(property);
        if (node) fields.set(wire, node);
        else if (isIrregular(wire)) fields.set(wire, "plain");
      }
      result = { fields };
    }
    // allOf members refine one another: a free-form field in one may be
    // given its fields by another.
    for (const member of schema.allOf ?? []) {
      result = this.#merge(result, this.node(member), false);
    }
    const choices: Schema[] = schema.oneOf ?? schema.anyOf ?? [];
    if (choices.length > 0) {
      result = this.#merge(result, this.#alternatives(choices), false);
    }
    if (schema.items) {
      result = this.#merge(result, this.node(schema.items), false);
    }
    // An object that only rules fields out (`not`) describes none; one
    // that declares no fields at all takes any.
    if (result === undefined && isObjectType(schema) && !schema.not) {
      return "free";
    }
    return result === "plain" ? undefined : result;
  }

  /**
   * One rule for the members of a `oneOf`: their fields merged, or, where
   * one member has a free-form map that another describes, a union picked
   * by the field every member gives a constant (`event`).
   */
  #alternatives(choices: Schema[]): ShapeNode | "free" | undefined {
    const nodes = choices.map((choice) => this.node(choice));
    try {
      let merged: FieldNode | undefined;
      for (const node of nodes) merged = this.#merge(merged, node, true);
      return merged === "plain" ? undefined : merged;
    } catch (error) {
      if (!(error instanceof ShapeConflict)) throw error;
      const by = this.#discriminator(choices);
      if (by === undefined) throw error;
      const cases = new Map<string, ShapeNode>();
      choices.forEach((choice, i) => {
        const value = this.#constOf(choice, by);
        const node = nodes[i];
        cases.set(
          String(value),
          node === undefined || node === "free" ? { fields: new Map() } : node,
        );
      });
      return { by, cases };
    }
  }

  #discriminator(choices: Schema[]): string | undefined {
    const first = this.#flatProperties(choices[0]);
    return Object.keys(first).find((name) =>
      choices.every((choice) => this.#constOf(choice, name) !== undefined)
    );
  }

  #constOf(schema: Schema, name: string): unknown {
    return this.#flatProperties(schema)[name]?.const;
  }

  #flatProperties(schema: Schema): Record<string, Schema> {
    const resolved = this.resolve(schema);
    const out: Record<string, Schema> = { ...resolved.properties };
    for (const member of resolved.allOf ?? []) {
      Object.assign(out, this.#flatProperties(member));
    }
    return out;
  }

  #merge(
    a: FieldNode | undefined,
    b: FieldNode | undefined,
    strict: boolean,
  ): FieldNode | undefined {
    if (a === undefined || a === "plain") return b ?? a;
    if (b === undefined || b === "plain") return a;
    if (a === "free" && b === "free") return "free";
    if (a === "free" || b === "free") {
      if (strict) throw new ShapeConflict();
      return a === "free" ? b : a;
    }
    if ("by" in a || "by" in b) {
      if ("by" in a && "by" in b) {
        throw new Error("Nested unions are not supported");
      }
      const union = ("by" in a ? a : b) as {
        by: string;
        cases: Map<string, ShapeNode>;
      };
      const other = "by" in a ? b : a;
      const cases = new Map<string, ShapeNode>();
      for (const [value, node] of union.cases) {
        cases.set(value, this.#merge(node, other, strict) as ShapeNode);
      }
      return { by: union.by, cases };
    }
    const fields = new Map<string, FieldNode>(this.fieldsOf(a));
    for (const [wire, rule] of this.fieldsOf(b)) {
      const merged = this.#merge(fields.get(wire), rule, strict);
      if (merged !== undefined) fields.set(wire, merged);
    }
    return { fields };
  }

  /** The fields of a descriptor, looking through a reference. */
  fieldsOf(node: ShapeNode): Map<string, FieldNode> {
    if ("fields" in node) return node.fields;
    if ("by" in node) {
      throw new Error(`A union on '${node.by}' has no single set of fields`);
    }
    const target = this.node(this.#spec.components.schemas[node.ref]);
    return target === undefined || target === "free"
      ? new Map()
      : this.fieldsOf(target);
  }
}

/** A JSDoc comment from lines of text. */
export function docComment(lines: readonly string[]): string {
  let fenced = false;
  const text = lines.flatMap((line) => line.split("\n")).flatMap((line) => {
    if (line.startsWith("```")) fenced = !fenced;
    return fenced || line.startsWith("```") ? [line] : wrap(line, 72);
  });
  if (text.length === 1) return `/** ${text[0]} */`;
  return [
    "/**",
    ...text.map((line) => line === "" ? " *" : ` * ${line}`),
    " */",
  ]
    .join("\n");
}

/** Breaks a line of prose at spaces so that no piece exceeds `width`. */
function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const pieces: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      pieces.push(current);
      current = word;
    } else {
      current = current === "" ? word : `${current} ${word}`;
    }
  }
  if (current !== "") pieces.push(current);
  return pieces;
}

function isObjectType(schema: Schema): boolean {
  return schema.type === "object" ||
    (Array.isArray(schema.type) && schema.type.includes("object")) ||
    schema.additionalProperties !== undefined ||
    schema.patternProperties !== undefined;
}

function nullable(schema: Schema): boolean {
  return Array.isArray(schema.type) && schema.type.includes("null");
}

/** Wire names a `not: { anyOf: [{ required: [...] }] }` rules out. */
function forbidden(schema: Schema): string[] {
  const not = schema.not;
  if (!not) return [];
  const members: Schema[] = not.anyOf ?? [not];
  return members.flatMap((member) => member.required ?? []);
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

function stringKind(format: string | undefined): string {
  switch (format) {
    case "date-time":
      return "an ISO 8601 date-time string";
    case "email":
      return "an email address";
    case "uri":
      return "a URL";
    default:
      return "a string";
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Length, size and range limits in words. */
export function limitsOf(schema: Schema): string[] {
  const limits: string[] = [];
  const range = (min: unknown, max: unknown, unit: string) => {
    if (min !== undefined && max !== undefined) {
      limits.push(`${min} to ${max} ${unit}`);
    } else if (min !== undefined) limits.push(`at least ${min} ${unit}`);
    else if (max !== undefined) limits.push(`at most ${max} ${unit}`);
  };
  range(schema.minLength, schema.maxLength, "characters");
  range(schema.minItems, schema.maxItems, "items");
  range(schema.minProperties, schema.maxProperties, "keys");
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    if (schema.minimum !== undefined && schema.maximum !== undefined) {
      limits.push(`from ${schema.minimum} to ${schema.maximum}`);
    } else if (schema.minimum !== undefined) {
      limits.push(`at least ${schema.minimum}`);
    } else limits.push(`at most ${schema.maximum}`);
  }
  if (schema.propertyNames?.maxLength !== undefined) {
    limits.push(`keys of at most ${schema.propertyNames.maxLength} characters`);
  }
  const values = schema.additionalProperties;
  if (values && typeof values === "object" && values.maxLength !== undefined) {
    limits.push(`values of at most ${values.maxLength} characters`);
  }
  if (schema.pattern) limits.push(`matching \`${schema.pattern}\``);
  return limits;
}
