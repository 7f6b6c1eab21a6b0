/**
 * Reading the OpenAPI document: loading, `$ref` lookup and the list of
 * operations. Nothing here decides a name or writes code.
 *
 * @module
 */

import { parse } from "yaml";

/** A JSON Schema object as the spec writes it (OpenAPI 3.1). */
// deno-lint-ignore no-explicit-any
export type Schema = Record<string, any>;

/** One parameter of an operation. */
export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
  style?: string;
  explode?: boolean;
}

/** The parts of an OpenAPI document the generator reads. */
export interface Spec {
  paths: Record<string, Record<string, Schema>>;
  components: { schemas: Record<string, Schema> };
}

/** One operation, with where it lives. */
export interface SpecOperation {
  /** The HTTP method, upper-case. */
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The path template. */
  path: string;
  /** The operation object. */
  op: Schema;
  /** Its first tag. */
  tag: string;
  /** Its parameters. */
  parameters: SpecParameter[];
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Reads and parses the YAML document at `path`. */
export async function loadSpec(path: string): Promise<Spec> {
  return parse(await Deno.readTextFile(path)) as Spec;
}

/** The schema name a `$ref` points to. */
export function refName(ref: string): string {
  const prefix = "#/components/schemas/";
  if (!ref.startsWith(prefix)) throw new Error(`Unsupported $ref: ${ref}`);
  return ref.slice(prefix.length);
}

/** Every operation of the spec, in document order. */
export function operationsOf(spec: Spec): SpecOperation[] {
  const list: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      list.push({
        method: method.toUpperCase() as SpecOperation["method"],
        path,
        op,
        tag: op.tags?.[0] ?? "default",
        parameters: op.parameters ?? [],
      });
    }
  }
  return list;
}

/** The JSON request body schema of an operation, if it has one. */
export function requestSchema(op: Schema): Schema | undefined {
  return op.requestBody?.content?.["application/json"]?.schema;
}

/**
 * The success answer of an operation: the first 2xx status with a JSON
 * body, else the first 2xx status.
 */
export function successOf(
  op: Schema,
): { status: string; schema: Schema | undefined } {
  const codes = Object.keys(op.responses ?? {}).filter((c) =>
    c.startsWith("2")
  );
  for (const status of codes) {
    const schema = op.responses[status].content?.["application/json"]?.schema;
    if (schema !== undefined) return { status, schema };
  }
  return { status: codes[0] ?? "200", schema: undefined };
}

/**
 * The properties an object schema has, looking through `$ref` and merging
 * `allOf` members; `oneOf`/`anyOf` members are not merged.
 */
export function propertiesOf(
  spec: Spec,
  schema: Schema | undefined,
): { properties: Record<string, Schema>; required: string[] } {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const visit = (s: Schema | undefined) => {
    if (s === undefined) return;
    if (s.$ref) return visit(spec.components.schemas[refName(s.$ref)]);
    for (const member of s.allOf ?? []) visit(member);
    Object.assign(properties, s.properties ?? {});
    required.push(...(s.required ?? []));
  };
  visit(schema);
  return { properties, required };
}

/** Follows `$ref`s until a schema that is not one. */
export function deref(spec: Spec, schema: Schema): Schema {
  let current = schema;
  while (current.$ref) current = spec.components.schemas[refName(current.$ref)];
  return current;
}
