/**
 * Sample values built from the spec's schemas and examples, and a
 * schema-guided camelCase conversion written apart from the SDK's mapper.
 * The coverage report and the spec tests use these to call each method
 * and to state what it must return.
 *
 * @module
 */

import { refName, type Schema, type Spec } from "./spec.ts";

/** How a sample is built. */
export interface SampleOptions {
  /** Include optional properties too (default), or only required ones. */
  optional?: boolean;
  /** Which member of each `oneOf`/`anyOf` to take (default the first). */
  variant?: number;
  /** Take `null` where a type allows it (default: avoid it). */
  preferNull?: boolean;
}

const DEPTH_LIMIT = 24;

/**
 * A value that satisfies `schema`, built from the spec's examples where it
 * has them.
 */
export function sample(
  spec: Spec,
  schema: Schema | undefined,
  options: SampleOptions = {},
  depth = 0,
): unknown {
  if (schema === undefined || depth > DEPTH_LIMIT) return undefined;
  if (schema.$ref) {
    return sample(
      spec,
      spec.components.schemas[refName(schema.$ref)],
      options,
      depth,
    );
  }
  if ("const" in schema) return schema.const;
  if (schema.enum) {
    return options.preferNull && schema.enum.includes(null)
      ? null
      : schema.enum.find((v: unknown) => v !== null) ?? null;
  }
  if (schema.allOf) {
    const merged: Record<string, unknown> = {};
    for (const member of schema.allOf) {
      const part = sample(spec, member, options, depth + 1);
      if (part && typeof part === "object") Object.assign(merged, part);
    }
    const own = schema.properties
      ? sample(spec, { ...schema, allOf: undefined }, options, depth + 1)
      : undefined;
    return { ...merged, ...(own as object | undefined) };
  }
  const choices: Schema[] | undefined = schema.oneOf ?? schema.anyOf;
  if (choices) {
    const usable = choices.filter((c) => c.type !== "null");
    const pick = options.preferNull && usable.length < choices.length
      ? undefined
      : usable[Math.min(options.variant ?? 0, usable.length - 1)];
    if (pick === undefined) return null;
    const base = schema.properties
      ? sample(
        spec,
        { ...schema, oneOf: undefined, anyOf: undefined },
        options,
        depth + 1,
      )
      : undefined;
    const chosen = sample(spec, pick, { ...options, variant: 0 }, depth + 1);
    return base && chosen && typeof chosen === "object"
      ? { ...(base as object), ...(chosen as object) }
      : chosen ?? base;
  }
  const types: string[] = Array.isArray(schema.type)
    ? schema.type
    : schema.type
    ? [schema.type]
    : schema.properties
    ? ["object"]
    : [];
  if (options.preferNull && types.includes("null")) return null;
  const type = types.find((t) => t !== "null") ??
    (types.includes("null") ? "null" : undefined);
  if (type === undefined) return schema.example ?? "value";
  if (type === "null") return null;
  if (type === "object") return sampleObject(spec, schema, options, depth);
  if (type === "array") {
    if (schema.example !== undefined && isScalarArray(schema.example)) {
      return schema.example;
    }
    const item = sample(
      spec,
      schema.items,
      { ...options, preferNull: false },
      depth + 1,
    );
    const count = Math.max(1, schema.minItems ?? 1);
    return Array.from({ length: count }, () => item);
  }
  if (schema.example !== undefined) return schema.example;
  switch (type) {
    case "string":
      return sampleString(schema);
    case "integer":
      return schema.minimum ?? schema.default ?? 1;
    case "number":
      return schema.minimum ?? schema.default ?? 1.5;
    case "boolean":
      return schema.default ?? true;
  }
  return undefined;
}

function isScalarArray(value: unknown): boolean {
  return Array.isArray(value) &&
    value.every((item) => item === null || typeof item !== "object");
}

function sampleObject(
  spec: Spec,
  schema: Schema,
  options: SampleOptions,
  depth: number,
): unknown {
  const properties: Record<string, Schema> = schema.properties ?? {};
  if (Object.keys(properties).length === 0) {
    if (schema.example !== undefined) return schema.example;
    const values = schema.additionalProperties;
    if (values && typeof values === "object" && Object.keys(values).length) {
      return { sample_key: sample(spec, values, options, depth + 1) };
    }
    if (schema.patternProperties) return { sample_key: "value" };
    if (values === undefined || values === false) return {};
    return { sample_key: "value" };
  }
  const required = new Set<string>(schema.required ?? []);
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (!required.has(name) && options.optional === false) continue;
    if (property.deprecated && !required.has(name)) continue;
    const value = sample(spec, property, { ...options, variant: 0 }, depth + 1);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function sampleString(schema: Schema): string {
  switch (schema.format) {
    case "date-time":
      return "2024-01-16T14:20:00.000Z";
    case "email":
      return "marcelina@example.com";
    case "uri":
      return "https://example.com/callback";
  }
  const min = schema.minLength ?? 1;
  const text = "sample_value";
  return text.length >= min
    ? text.slice(0, schema.maxLength ?? text.length)
    : text.padEnd(min, "x");
}

/**
 * Candidate samples for a request or response schema, most complete first:
 * every field, then required fields only, each over every `oneOf` branch.
 */
export function candidates(spec: Spec, schema: Schema | undefined): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<string>();
  const variants = Math.max(1, countVariants(spec, schema));
  for (const optional of [true, false]) {
    for (let variant = 0; variant < variants; variant++) {
      for (const preferNull of [false, true]) {
        const value = sample(spec, schema, { optional, variant, preferNull });
        const key = JSON.stringify(value);
        if (!seen.has(key)) {
          seen.add(key);
          out.push(value);
        }
      }
    }
  }
  return out;
}

function countVariants(spec: Spec, schema: Schema | undefined): number {
  if (schema === undefined) return 0;
  if (schema.$ref) {
    return countVariants(spec, spec.components.schemas[refName(schema.$ref)]);
  }
  const own = (schema.oneOf ?? schema.anyOf ?? []).length;
  const nested = (schema.allOf ?? []).map((m: Schema) =>
    countVariants(spec, m)
  );
  return Math.max(own, ...nested, 0);
}

// ---------------------------------------------------------------- camel

/** `created_at` → `createdAt`, written here apart from the SDK. */
function toCamel(key: string): string {
  let out = "";
  for (let i = 0; i < key.length; i++) {
    const char = key[i];
    const next = key[i + 1];
    if (
      char === "_" && i > 0 && /[A-Za-z0-9]/.test(key[i - 1]) && next &&
      /[a-z0-9]/.test(next)
    ) {
      out += next.toUpperCase();
      i++;
    } else {
      out += char;
    }
  }
  return out;
}

/**
 * What the SDK should make of a wire value of `schema`: the keys of every
 * object the schema describes with properties in camelCase (unknown keys
 * too), and free-form maps (objects without declared properties) as sent.
 */
export function camelize(
  spec: Spec,
  schema: Schema | undefined,
  value: unknown,
): unknown {
  if (Array.isArray(value)) {
    const items = itemSchema(spec, schema);
    return value.map((item) => camelize(spec, items, item));
  }
  if (value === null || typeof value !== "object") return value;
  const properties = objectProperties(spec, schema, value);
  if (properties === undefined) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const property = properties.get(key);
    out[toCamel(key)] = property === undefined
      ? item
      : camelize(spec, property, item);
  }
  return out;
}

function itemSchema(
  spec: Spec,
  schema: Schema | undefined,
): Schema | undefined {
  if (schema === undefined) return undefined;
  if (schema.$ref) {
    return itemSchema(spec, spec.components.schemas[refName(schema.$ref)]);
  }
  if (schema.items) return schema.items;
  for (
    const member of [
      ...(schema.oneOf ?? []),
      ...(schema.anyOf ?? []),
      ...(schema.allOf ?? []),
    ]
  ) {
    const found = itemSchema(spec, member);
    if (found) return found;
  }
  return undefined;
}

/** Whether every constant property of `schema` has its value in `value`. */
function fits(spec: Spec, schema: Schema, value: object): boolean {
  const resolved = schema.$ref
    ? spec.components.schemas[refName(schema.$ref)]
    : schema;
  const own = Object.entries<Schema>(resolved.properties ?? {}).every((
    [name, property],
  ) =>
    !("const" in property) ||
    (value as Record<string, unknown>)[name] === property.const
  );
  return own &&
    (resolved.allOf ?? []).every((member: Schema) => fits(spec, member, value));
}

/**
 * The declared properties of an object schema across `allOf`, `oneOf` and
 * `anyOf`, or `undefined` for a free-form map or a scalar.
 */
function objectProperties(
  spec: Spec,
  schema: Schema | undefined,
  value: object,
): Map<string, Schema> | undefined {
  if (schema === undefined) return undefined;
  if (schema.$ref) {
    return objectProperties(
      spec,
      spec.components.schemas[refName(schema.$ref)],
      value,
    );
  }
  let found: Map<string, Schema> | undefined;
  const add = (name: string, property: Schema) => {
    found ??= new Map();
    if (
      !found.has(name) ||
      objectProperties(spec, found.get(name), {}) === undefined
    ) {
      found.set(name, property);
    }
  };
  for (
    const [name, property] of Object.entries<Schema>(schema.properties ?? {})
  ) {
    add(name, property);
  }
  // Of a oneOf, only the members whose constants the value matches count
  // (an event's `event` picks its `data`).
  const choices: Schema[] = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  const matching = choices.filter((member) => fits(spec, member, value));
  for (
    const member of [
      ...(schema.allOf ?? []),
      ...(matching.length > 0 ? matching : choices),
    ]
  ) {
    const inner = objectProperties(spec, member, value);
    for (const [name, property] of inner ?? []) add(name, property);
  }
  return found;
}

// ---------------------------------------------------------------- calls

/** One sample call of an SDK method, and what it should put on the wire. */
export interface SampleCall {
  /** The arguments, in order, without the request options. */
  args: unknown[];
  /** The path parameter values, by wire name. */
  pathValues: Record<string, string>;
  /** The query the method should send, by wire name. */
  query: Record<string, unknown>;
  /** The body the method should send, client credentials filled in. */
  body: unknown;
}

/** The client settings the credentials in a body come from. */
export interface SampleClient {
  clientId: string;
  apiKey: string;
}

/**
 * A call of `op` with sample arguments. `accept` picks, among candidate
 * bodies and queries (most complete first), the first one it accepts.
 */
export function sampleCall(
  spec: Spec,
  op: {
    source: {
      parameters: {
        name: string;
        in: string;
        required?: boolean;
        schema?: Schema;
      }[];
    };
    pathArgs: { wire: string; schema: Schema }[];
    query: { name: string; required?: boolean; schema?: Schema }[];
    body: { schema: Schema; required: boolean } | undefined;
    omit: ReadonlySet<string>;
    bodyCredentials: { clientId?: string; clientSecret?: string } | undefined;
    paramsType: string | undefined;
    auth: string;
  },
  client: SampleClient,
  accept: (kind: "query" | "body", wire: unknown) => boolean = () => true,
): SampleCall {
  const pathValues: Record<string, string> = {};
  for (const arg of op.pathArgs) {
    const value = sample(spec, arg.schema);
    pathValues[arg.wire] = typeof value === "string" && value !== ""
      ? value
      : `${arg.wire}_1`;
  }

  const queryCandidates = [true, false].map((optional) => {
    const query: Record<string, unknown> = {};
    for (const parameter of op.query) {
      if (!parameter.required && !optional) continue;
      const value = sample(spec, parameter.schema);
      if (value !== undefined) query[parameter.name] = value;
    }
    return query;
  });
  const query = queryCandidates.find((q) => accept("query", q)) ??
    queryCandidates[0];

  let body: unknown = undefined;
  let callerBody: Record<string, unknown> | undefined;
  if (op.body) {
    const credentials: Record<string, string> = {};
    if (op.bodyCredentials?.clientId) {
      credentials[op.bodyCredentials.clientId] = client.clientId;
    }
    if (op.bodyCredentials?.clientSecret) {
      credentials[op.bodyCredentials.clientSecret] = client.apiKey;
    }
    const options = candidates(spec, op.body.schema).map((candidate) => {
      const own = { ...(candidate as Record<string, unknown>) };
      for (const name of op.omit) delete own[name];
      return { own, wire: { ...own, ...credentials } };
    });
    const chosen = options.find((o) => accept("body", o.wire)) ?? options[0];
    callerBody = chosen.own;
    body = chosen.wire;
  }

  const args: unknown[] = [];
  if (op.auth === "token") args.push("access_token_sample");
  for (const arg of op.pathArgs) args.push(pathValues[arg.wire]);
  if (op.paramsType) {
    const params: Record<string, unknown> = {};
    for (const parameter of op.query) {
      if (parameter.name in query) {
        params[toCamel(parameter.name)] = camelize(
          spec,
          parameter.schema,
          query[parameter.name],
        );
      }
    }
    if (callerBody) {
      Object.assign(params, camelize(spec, op.body!.schema, callerBody));
    }
    args.push(params);
  }
  return { args, pathValues, query, body };
}
