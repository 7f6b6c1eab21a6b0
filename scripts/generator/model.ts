/**
 * The SDK as the generator plans it: every operation with its group, name,
 * arguments, params and result types, and the named types. The emitters
 * and the coverage report read this; the tests use it to call each method.
 *
 * @module
 */

import { camelCase } from "../../src/core/mapping.ts";
import type { FieldKind } from "../../src/core/params.ts";
import {
  ARGUMENT_NAMES,
  groupPath,
  methodName,
  RESULT_NAMES,
  SCHEMA_NAMES,
  schemaName,
  typePrefix,
} from "./naming.ts";
import { BODY_CREDENTIALS, URL_BUILDERS } from "./special.ts";
import {
  operationsOf,
  propertiesOf,
  refName,
  requestSchema,
  type Schema,
  type Spec,
  type SpecOperation,
  type SpecParameter,
  successOf,
} from "./spec.ts";
import { pascal, words } from "./words.ts";

/** A path parameter, passed as a positional argument. */
export interface PathArg {
  /** The name in the path template. */
  wire: string;
  /** The argument name. */
  name: string;
  /** Its schema. */
  schema: Schema;
}

/** A field of the params that must be set, and what it must hold. */
export interface RequiredField {
  /** The camelCase name. */
  name: string;
  /** The kind `checkParams` checks it against. */
  kind: FieldKind;
}

/** One operation as the SDK serves it. */
export interface Operation {
  /** `METHOD /path`. */
  id: string;
  /** Where it comes from. */
  source: SpecOperation;
  /** The group path, such as `["userManagement", "users"]`. */
  group: string[];
  /** The method name. */
  name: string;
  /** `userManagement.users.list`. */
  fullName: string;
  /** A plain call, a paginated list, or a URL builder that sends nothing. */
  kind: "request" | "page" | "url";
  /** Path parameters in path order. */
  pathArgs: PathArg[];
  /** Query parameters the caller sets. */
  query: SpecParameter[];
  /** The JSON body schema and whether the API requires a body. */
  body: { schema: Schema; required: boolean } | undefined;
  /** Wire fields the client fills in, left out of the params. */
  omit: Set<string>;
  /** Body fields that carry the client's credentials. */
  bodyCredentials:
    | { clientId?: string; clientSecret?: string; publicWith?: string }
    | undefined;
  /**
   * Required body fields with a single allowed value, by wire name: the
   * SDK sends them, so the caller may leave them out.
   */
  defaults: Record<string, unknown>;
  /** Whether a URL builder fills `client_id` in the query. */
  clientIdQuery: boolean;
  /** How the call authenticates. */
  auth: "bearer" | "none" | "token";
  /** The params type name, when the method takes params. */
  paramsType: string | undefined;
  /** Whether the params argument may be left out. */
  paramsOptional: boolean;
  /** The fields that must be set, in query then body order. */
  requiredFields: RequiredField[];
  /** The success schema (of one item, for pages), if the answer has one. */
  result: Schema | undefined;
  /** Whether the answer may also be empty (a 204). */
  resultOptional: boolean;
  /** The result type as written in a signature, `void` when there is none. */
  resultType: string;
  /** The prefix of the operation's own type names. */
  typePrefix: string;
}

/** A resource group: a class with methods and nested groups. */
export interface Group {
  /** `["userManagement", "users"]`. */
  path: string[];
  /** The property name on the parent. */
  property: string;
  /** The class name. */
  className: string;
  /** The operations served here. */
  operations: Operation[];
  /** Nested groups. */
  children: Group[];
}

/** A named type to declare in the `WorkOS` namespace. */
export interface NamedType {
  /** The TypeScript name. */
  name: string;
  /** The schema, with `omit` applied at its top level. */
  schema: Schema;
  /** Top-level wire fields to leave out. */
  omit?: ReadonlySet<string>;
  /** Top-level wire fields made optional (the SDK fills them in). */
  optional?: ReadonlySet<string>;
  /** Query parameters merged into the type. */
  query?: SpecParameter[];
  /** The doc comment lines. */
  doc: string[];
  /** The spec schema it declares, if any. */
  specName?: string;
}

/** The whole plan. */
export interface Model {
  spec: Spec;
  operations: Operation[];
  roots: Group[];
  /** Spec schema name → TypeScript name. */
  schemaNames: Map<string, string>;
  /** Every named type, spec schemas first. */
  types: NamedType[];
}

const STRUCTURAL_NOISE = new Set([
  "description",
  "example",
  "examples",
  "title",
]);

/** A schema without prose, examples and extensions, for comparison. */
function structure(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(structure);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-")) continue;
    if (STRUCTURAL_NOISE.has(key) && typeof value !== "object") continue;
    if (key === "examples" || key === "example") continue;
    out[key] = structure(value);
  }
  return out;
}

/** Builds the plan from the spec. */
export function buildModel(original: Spec): Model {
  // Inline result types are added to this copy's schemas.
  const spec = structuredClone(original);
  const schemas = spec.components.schemas;
  const sources = operationsOf(spec);

  // Inline schemas that repeat a named one verbatim are typed by its name.
  const byStructure = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    byStructure.set(JSON.stringify(structure(schema)), name);
  }
  const named = (schema: Schema | undefined): string | undefined => {
    if (schema === undefined) return undefined;
    if (schema.$ref) return refName(schema.$ref);
    return byStructure.get(JSON.stringify(structure(schema)));
  };

  // First pass: names and groups.
  const operations: Operation[] = sources.map((source) => {
    const id = `${source.method} ${source.path}`;
    const success = successOf(source.op);
    const data = propertiesOf(spec, success.schema).properties;
    const successSchema = success.schema && resolve(spec, success.schema);
    const isPage = source.method === "GET" && data.data?.type === "array" &&
      data.list_metadata !== undefined;
    const isList = source.method === "GET" &&
      (data.data?.type === "array" || successSchema?.type === "array");
    const group = groupPath(source.tag);
    const name = methodName({
      method: source.method,
      path: source.path,
      tag: source.tag,
      isList,
    });
    const kind = URL_BUILDERS.has(id) ? "url" : isPage ? "page" : "request";
    const order = [...source.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const pathArgs = order.map((wire) => {
      const parameter = source.parameters.find((p) =>
        p.in === "path" && p.name === wire
      );
      if (!parameter) throw new Error(`${id}: no parameter for {${wire}}`);
      const name = ARGUMENT_NAMES[wire] ?? camelCase(wire);
      return { wire, name, schema: parameter.schema ?? {} };
    });
    const bodySchema = requestSchema(source.op);
    const bodyProperties = propertiesOf(spec, bodySchema).properties;
    const bodyNames = new Set([
      ...Object.keys(bodyProperties),
      ...variantsOf(spec, bodySchema).flatMap((v) =>
        Object.keys(v.properties ?? {})
      ),
    ]);
    // Limitation: the spec lists /sso/token's body fields (client id and
    // secret, code, grant type) as required query parameters as well; the
    // SDK sends them once, in the body, since secrets do not belong in URLs,
    // and the spec tests accept a body field for a same-named parameter.
    const query = source.parameters.filter((p) =>
      p.in === "query" && !bodyNames.has(p.name)
    );
    const bodyCredentials = BODY_CREDENTIALS[id];
    const clientIdQuery = kind === "url" &&
      query.some((p) => p.name === "client_id");
    const omit = new Set<string>([
      ...[bodyCredentials?.clientId, bodyCredentials?.clientSecret]
        .filter((name): name is string => name !== undefined),
      ...(clientIdQuery ? ["client_id"] : []),
    ]);
    const security: unknown[] | undefined = source.op.security;
    const auth = security?.some((s) =>
        Object.hasOwn(s as object, "access_token")
      )
      ? "token"
      : security !== undefined && security.length === 0
      ? "none"
      : "bearer";
    // Limitation: an operation whose spec lists a JSON 200 beside a 201
    // without content (/sso/token, /sso/logout/authorize) expects JSON; an
    // empty 201 would fail as a WorkOSError. Only a listed 204 makes the
    // answer optional.
    const status204 = Object.hasOwn(source.op.responses ?? {}, "204");
    let result: Schema | undefined = success.schema;
    if (result !== undefined && Object.keys(result).length === 0) {
      result = undefined;
    }
    if (kind === "page") result = data.data.items;
    else if (kind === "url") result = undefined;
    return {
      id,
      source,
      group,
      name,
      fullName: [...group, name].join("."),
      kind,
      pathArgs,
      query: kind === "url" ? query.filter((p) => !omit.has(p.name)) : query,
      body: bodySchema === undefined ? undefined : {
        schema: bodySchema,
        required: source.op.requestBody?.required === true,
      },
      omit,
      defaults: {
        ...constDefaults(spec, bodySchema),
        ...Object.fromEntries(
          query.filter((p) => p.required && p.schema && "const" in p.schema)
            .map((p) => [p.name, p.schema!.const]),
        ),
      },
      bodyCredentials,
      clientIdQuery,
      auth,
      paramsType: undefined,
      paramsOptional: true,
      requiredFields: [],
      result,
      resultOptional: result !== undefined && status204 && kind === "request",
      resultType: "void",
      typePrefix: "",
    } satisfies Operation;
  });

  const roots = buildGroups(operations);
  const namespaceOnly = new Set<string>();
  const walk = (group: Group) => {
    if (group.operations.length === 0) namespaceOnly.add(group.path.join("."));
    group.children.forEach(walk);
  };
  roots.forEach(walk);

  // Names of the spec's schemas, with request bodies used by one operation
  // named after it.
  const bodyUse = new Map<string, Operation[]>();
  for (const op of operations) {
    if (op.body?.schema.$ref) {
      const name = refName(op.body.schema.$ref);
      bodyUse.set(name, [...(bodyUse.get(name) ?? []), op]);
    }
  }
  for (const op of operations) {
    const visible = op.group.filter((_, i) =>
      !namespaceOnly.has(op.group.slice(0, i + 1).join("."))
    );
    op.typePrefix = typePrefix(visible, op.name);
  }
  const resultUse = new Map<string, Operation[]>();
  for (const op of operations) {
    const ref = op.result?.$ref && op.kind === "request"
      ? refName(op.result.$ref)
      : undefined;
    if (ref) resultUse.set(ref, [...(resultUse.get(ref) ?? []), op]);
  }
  const schemaNames = new Map<string, string>();
  for (const specName of Object.keys(schemas)) {
    const users = bodyUse.get(specName);
    const soloBody = users?.length === 1 && users[0].query.length === 0 &&
      users[0].omit.size === 0 && hasFields(spec, schemas[specName]);
    const answers = resultUse.get(specName);
    const soloResult = answers?.length === 1 && specName.endsWith("Response") &&
      !usedInside(spec, specName);
    schemaNames.set(
      specName,
      SCHEMA_NAMES[specName] ??
        (soloBody
          ? `${users[0].typePrefix}Params`
          : soloResult
          ? `${answers[0].typePrefix}Result`
          : schemaName(specName)),
    );
  }
  // A request schema that would take a response schema's name is its input.
  const plainNames = new Map<string, number>();
  for (const name of schemaNames.values()) {
    plainNames.set(name, (plainNames.get(name) ?? 0) + 1);
  }
  for (const [specName, name] of schemaNames) {
    if (specName.endsWith("Dto") && plainNames.get(name)! > 1) {
      schemaNames.set(specName, `${name}Input`);
    }
  }

  const types: NamedType[] = Object.entries(schemas).map((
    [specName, schema],
  ) => ({
    name: schemaNames.get(specName)!,
    schema,
    doc: [`The \`${specName}\` schema of the WorkOS API.`],
    specName,
  }));

  // Params and result types of each operation.
  const taken = new Set(types.map((t) => t.name));
  const claim = (name: string, what: string) => {
    if (taken.has(name)) {
      throw new Error(`Type name ${name} is used twice (${what})`);
    }
    taken.add(name);
    return name;
  };
  for (const op of operations) {
    const bodyRef = op.body?.schema.$ref
      ? refName(op.body.schema.$ref)
      : undefined;
    const hasParams = op.query.length > 0 ||
      (op.body !== undefined && hasFields(spec, op.body.schema, op.omit));
    if (hasParams) {
      const soloName =
        bodyRef && schemaNames.get(bodyRef) === `${op.typePrefix}Params`
          ? schemaNames.get(bodyRef)
          : undefined;
      op.paramsType = soloName ?? claim(`${op.typePrefix}Params`, op.id);
      if (soloName === undefined) {
        types.push({
          name: op.paramsType,
          schema: op.body?.schema ?? { type: "object", properties: {} },
          omit: op.omit,
          query: op.query,
          doc: [`The params of \`${op.fullName}\`.`],
        });
      }
      op.requiredFields = [
        ...op.query.filter((p) => p.required && !(p.name in op.defaults))
          .map((p) => ({
            name: camelCase(p.name),
            kind: kindOf(spec, p.schema ? [p.schema] : []),
          })),
        ...alwaysRequired(spec, op.body?.schema)
          .filter((w) => !op.omit.has(w) && !(w in op.defaults))
          .map((w) => ({
            name: camelCase(w),
            kind: kindOf(spec, fieldSchemas(spec, op.body?.schema, w)),
          })),
      ];
      op.paramsOptional = op.requiredFields.length === 0;
    }

    if (op.kind === "url") {
      op.resultType = "string";
      continue;
    }
    if (op.result === undefined) continue;
    let resultName: string;
    const isArray = resolve(spec, op.result).type === "array" &&
      op.kind !== "page";
    const single = isArray ? resolve(spec, op.result).items : op.result;
    const match = named(single);
    if (match) {
      resultName = schemaNames.get(match)!;
      if (!single.$ref) {
        op.result = isArray
          ? { type: "array", items: { $ref: `#/components/schemas/${match}` } }
          : { $ref: `#/components/schemas/${match}` };
      }
    } else {
      const objectName = propertiesOf(spec, single).properties.object?.const;
      const fallback = `${op.typePrefix}${
        op.kind === "page" || isArray ? "Item" : "Result"
      }`;
      const candidate = RESULT_NAMES[op.id] ??
        (typeof objectName === "string" ? pascal(words(objectName)) : fallback);
      resultName = claim(taken.has(candidate) ? fallback : candidate, op.id);
      types.push({
        name: resultName,
        schema: single,
        doc: [`The result of \`${op.fullName}\`.`],
      });
      const ref = { $ref: `#/components/schemas/${resultName}` };
      // Later operations answering with the same inline schema reuse it.
      byStructure.set(JSON.stringify(structure(single)), resultName);
      schemas[resultName] = single;
      schemaNames.set(resultName, resultName);
      op.result = isArray ? { type: "array", items: ref } : ref;
    }
    op.resultType = isArray ? `${resultName}[]` : resultName;
    if (op.resultOptional) op.resultType += " | undefined";
  }

  for (const op of operations) {
    const type = types.find((t) => t.name === op.paramsType);
    if (type && Object.keys(op.defaults).length > 0) {
      type.optional = new Set(Object.keys(op.defaults));
    }
  }

  checkCollisions(operations, roots, types);
  return { spec, operations, roots, schemaNames, types };
}

/** The required single-value fields of a plain object body. */
function constDefaults(
  spec: Spec,
  schema: Schema | undefined,
): Record<string, unknown> {
  if (schema === undefined) return {};
  const resolved = resolve(spec, schema);
  if (resolved.oneOf || resolved.anyOf || resolved.allOf) return {};
  const defaults: Record<string, unknown> = {};
  for (const name of resolved.required ?? []) {
    const property = resolved.properties?.[name];
    if (property && "const" in property) defaults[name] = property.const;
  }
  return defaults;
}

/** Whether a body has any field the caller sets. */
function hasFields(
  spec: Spec,
  schema: Schema,
  omit: ReadonlySet<string> = new Set(),
): boolean {
  const resolved = resolve(spec, schema);
  const own = Object.keys(resolved.properties ?? {}).some((name) =>
    !omit.has(name)
  );
  const members: Schema[] = [
    ...(resolved.allOf ?? []),
    ...(resolved.oneOf ?? []),
    ...(resolved.anyOf ?? []),
  ];
  return own || resolved.additionalProperties !== undefined ||
    members.some((member) => hasFields(spec, member, omit));
}

/** Whether another schema refers to `specName`. */
function usedInside(spec: Spec, specName: string): boolean {
  const needle = `"$ref":"#/components/schemas/${specName}"`;
  return Object.entries(spec.components.schemas).some(([name, schema]) =>
    name !== specName && JSON.stringify(schema).includes(needle)
  );
}

function resolve(spec: Spec, schema: Schema): Schema {
  let current = schema;
  while (current.$ref) current = spec.components.schemas[refName(current.$ref)];
  return current;
}

/** The object variants of a `oneOf`/`anyOf` body, looking through refs. */
function variantsOf(spec: Spec, schema: Schema | undefined): Schema[] {
  if (schema === undefined) return [];
  const resolved = resolve(spec, schema);
  const direct = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])];
  const nested = (resolved.allOf ?? []).flatMap((m: Schema) =>
    variantsOf(spec, m)
  );
  return [...direct.map((v: Schema) => resolve(spec, v)), ...nested];
}

/**
 * Every schema a body gives the field `wire`: its own, its `allOf`
 * members' and each `oneOf`/`anyOf` variant's.
 */
function fieldSchemas(
  spec: Spec,
  schema: Schema | undefined,
  wire: string,
): Schema[] {
  if (schema === undefined) return [];
  const resolved = resolve(spec, schema);
  const own = resolved.properties?.[wire];
  return [
    ...(own === undefined ? [] : [own]),
    ...[
      ...(resolved.allOf ?? []),
      ...(resolved.oneOf ?? []),
      ...(resolved.anyOf ?? []),
    ].flatMap((member: Schema) => fieldSchemas(spec, member, wire)),
  ];
}

const JSON_KINDS: Record<string, FieldKind | "null"> = {
  string: "string",
  number: "number",
  integer: "integer",
  boolean: "boolean",
  array: "array",
  object: "object",
  null: "null",
};

/**
 * The kinds of value a schema allows, `"null"` included, or `undefined`
 * when it does not say (no type, or a type this reader does not know).
 */
function kindsOf(spec: Spec, schema: Schema): Set<string> | undefined {
  const resolved = resolve(spec, schema);
  const values: unknown[] | undefined = "const" in resolved
    ? [resolved.const]
    : resolved.enum;
  if (values) {
    return new Set(
      values.map((value) =>
        value === null
          ? "null"
          : Array.isArray(value)
          ? "array"
          : Number.isInteger(value)
          ? "integer"
          : typeof value
      ),
    );
  }
  const types: unknown[] = Array.isArray(resolved.type)
    ? resolved.type
    : resolved.type !== undefined
    ? [resolved.type]
    : [];
  if (types.length > 0) {
    const kinds = types.map((type) =>
      Object.hasOwn(JSON_KINDS, String(type))
        ? JSON_KINDS[String(type)]
        : undefined
    );
    return kinds.every((kind) => kind !== undefined)
      ? new Set(kinds)
      : undefined;
  }
  const choices: Schema[] | undefined = resolved.oneOf ?? resolved.anyOf;
  if (choices) {
    const sets = choices.map((choice) => kindsOf(spec, choice));
    if (sets.some((set) => set === undefined)) return undefined;
    return new Set(sets.flatMap((set) => [...set!]));
  }
  if (resolved.properties) return new Set(["object"]);
  // An allOf of a typed member and notes takes the typed member's kinds.
  const typed = (resolved.allOf ?? [])
    .map((member: Schema) => kindsOf(spec, member))
    .filter((set: Set<string> | undefined) => set !== undefined);
  return typed.length === 1 ? typed[0] : undefined;
}

/**
 * The one kind every schema of a required field agrees on; `"any"` when
 * they allow several or do not say. `null` is left out: a required field
 * is refused as missing when it is `null` whatever its schema says.
 *
 * @param spec The spec, for `$ref`s.
 * @param schemas The field's schemas (one per body variant that has it).
 * @returns The kind `checkParams` checks the field against.
 */
export function kindOf(spec: Spec, schemas: Schema[]): FieldKind {
  const kinds = new Set<string>();
  for (const schema of schemas) {
    const own = kindsOf(spec, schema);
    if (own === undefined) return "any";
    for (const kind of own) kinds.add(kind);
  }
  kinds.delete("null");
  // An integer is a number, so a field that takes both takes any number.
  if (kinds.has("number")) kinds.delete("integer");
  return kinds.size === 1 ? [...kinds][0] as FieldKind : "any";
}

/** Wire fields every variant of a body requires. */
function alwaysRequired(spec: Spec, schema: Schema | undefined): string[] {
  if (schema === undefined) return [];
  const resolved = resolve(spec, schema);
  const own = new Set<string>(
    (resolved.required ?? []).filter((name: string) =>
      resolved.properties?.[name] !== undefined
    ),
  );
  for (const member of resolved.allOf ?? []) {
    for (const name of alwaysRequired(spec, member)) own.add(name);
  }
  const choices: Schema[] | undefined = resolved.oneOf ?? resolved.anyOf;
  if (choices) {
    const sets = choices.map((c) => new Set(alwaysRequired(spec, c)));
    for (const name of sets[0] ?? []) {
      if (sets.every((set) => set.has(name))) own.add(name);
    }
  }
  return [...own];
}

function buildGroups(operations: Operation[]): Group[] {
  const roots: Group[] = [];
  const find = (path: string[]): Group => {
    let list = roots;
    let group: Group | undefined;
    for (let i = 0; i < path.length; i++) {
      group = list.find((g) => g.property === path[i]);
      if (!group) {
        group = {
          path: path.slice(0, i + 1),
          property: path[i],
          className: pascal(path.slice(0, i + 1).flatMap(words)),
          operations: [],
          children: [],
        };
        list.push(group);
      }
      list = group.children;
    }
    return group!;
  };
  for (const op of operations) find(op.group).operations.push(op);
  const sort = (list: Group[]) => {
    list.sort((a, b) => a.property.localeCompare(b.property));
    list.forEach((g) => sort(g.children));
  };
  sort(roots);
  return roots;
}

function checkCollisions(
  operations: Operation[],
  roots: Group[],
  types: NamedType[],
): void {
  const seen = new Map<string, string>();
  for (const op of operations) {
    const before = seen.get(op.fullName);
    if (before) {
      throw new Error(`${op.fullName} names both ${before} and ${op.id}`);
    }
    seen.set(op.fullName, op.id);
  }
  const classes = new Set<string>();
  const visit = (group: Group) => {
    if (classes.has(group.className)) {
      throw new Error(`Class ${group.className} is generated twice`);
    }
    classes.add(group.className);
    for (const child of group.children) {
      if (group.operations.some((op) => op.name === child.property)) {
        throw new Error(
          `${
            group.path.join(".")
          }.${child.property} is both a method and a group`,
        );
      }
    }
    group.children.forEach(visit);
  };
  roots.forEach(visit);
  const names = new Map<string, string>();
  const twice: string[] = [];
  for (const type of types) {
    const what = type.specName ?? type.doc[0];
    if (names.has(type.name)) {
      twice.push(`${type.name} (${names.get(type.name)}; ${what})`);
    }
    names.set(type.name, what);
  }
  if (twice.length > 0) {
    throw new Error(`Types declared twice: ${twice.join(", ")}`);
  }
}
