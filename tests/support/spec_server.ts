/**
 * A local HTTP server that knows the WorkOS API only through its OpenAPI
 * spec: it checks each request (method, path, query, headers, body)
 * against the spec's schemas with ajv, and answers with a response built
 * from the spec's examples that itself passes the response schema.
 */

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { candidates } from "../../scripts/generator/samples.ts";
import {
  operationsOf,
  requestSchema,
  type Schema,
  type Spec,
  type SpecOperation,
} from "../../scripts/generator/spec.ts";

const SPEC_ID = "https://spec.workos.test/openapi.json";

type Validate = ((value: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null;
};

/** What the server saw of one request, and what it answered. */
export interface Exchange {
  /** `METHOD /template` of the operation the request matched, if any. */
  operation: string | undefined;
  method: string;
  path: string;
  /** The query, decoded as the spec describes each parameter. */
  query: Record<string, unknown>;
  headers: IncomingMessage["headers"];
  /** The decoded JSON body, or `undefined` when there was none. */
  body: unknown;
  /** Every way the request departs from the spec; empty when it is valid. */
  problems: string[];
  /** The status and decoded body of the answer. */
  status: number;
  answer: unknown;
}

/** Checks requests and builds answers from the spec. */
export class SpecValidator {
  readonly spec: Spec;
  readonly apiKey: string;
  #operations: SpecOperation[];
  #strict: Ajv2020;
  #coercing: Ajv2020;
  #cache = new Map<string, Validate>();

  constructor(spec: Spec, apiKey: string) {
    this.spec = spec;
    this.apiKey = apiKey;
    this.#operations = operationsOf(spec);
    const make = (coerceTypes: boolean) => {
      const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes });
      // The package is CommonJS: its default export is the plugin itself.
      (formats as unknown as (ajv: Ajv2020) => void)(ajv);
      ajv.addSchema({ $id: SPEC_ID, components: spec.components });
      return ajv;
    };
    this.#strict = make(false);
    this.#coercing = make(true);
  }

  /** The operation a method and path belong to, preferring literal matches. */
  match(
    method: string,
    path: string,
  ): { op: SpecOperation; params: Record<string, string> } | undefined {
    const segments = path.split("/");
    let best:
      | { op: SpecOperation; params: Record<string, string>; literals: number }
      | undefined;
    for (const op of this.#operations) {
      if (op.method !== method) continue;
      const parts = op.path.split("/");
      if (parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      const ok = parts.every((part, i) => {
        const name = part.match(/^\{([^}]+)\}$/)?.[1];
        if (name) {
          params[name] = decodeURIComponent(segments[i]);
          return segments[i] !== "";
        }
        literals++;
        return part === segments[i];
      });
      if (ok && (!best || literals > best.literals)) {
        best = { op, params, literals };
      }
    }
    return best && { op: best.op, params: best.params };
  }

  /** Problems of `value` against `schema`, each as `where: message`. */
  check(
    schema: Schema,
    value: unknown,
    where: string,
    coerce = false,
  ): string[] {
    const key = `${coerce}:${JSON.stringify(schema)}`;
    let validate = this.#cache.get(key);
    if (!validate) {
      const ajv = coerce ? this.#coercing : this.#strict;
      validate = ajv.compile(anchored(schema) as Schema) as Validate;
      this.#cache.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) =>
      `${where}${e.instancePath}: ${e.message}`
    );
  }

  /**
   * Decodes a query as the spec's parameters describe: comma-joined arrays,
   * `name[key]` objects, numbers and booleans.
   */
  decodeQuery(
    op: SpecOperation,
    search: URLSearchParams,
  ): { query: Record<string, unknown>; problems: string[] } {
    const query: Record<string, unknown> = {};
    const problems: string[] = [];
    const known = new Set<string>();
    const bodyFields = new Set(
      Object.keys(
        resolve(this.spec, requestSchema(op.op) ?? {}).properties ?? {},
      ),
    );
    for (const parameter of op.parameters.filter((p) => p.in === "query")) {
      const schema = parameter.schema ?? {};
      const type = resolve(this.spec, schema).type;
      let value: unknown;
      if (type === "object") {
        const entries = [...search.keys()]
          .filter((key) => key.startsWith(`${parameter.name}[`))
          .map((key) => {
            known.add(key);
            return [key.slice(parameter.name.length + 1, -1), search.get(key)];
          });
        value = entries.length ? Object.fromEntries(entries) : undefined;
      } else if (search.has(parameter.name)) {
        known.add(parameter.name);
        const text = search.get(parameter.name)!;
        value = type === "array" ? text.split(",") : text;
      }
      if (value === undefined) {
        // The spec lists /sso/token's body fields as query parameters too;
        // a field sent in the body satisfies both.
        if (parameter.required && !bodyFields.has(parameter.name)) {
          problems.push(
            `query: required parameter '${parameter.name}' is missing`,
          );
        }
        continue;
      }
      const holder = { value };
      problems.push(
        ...this.check(
          { type: "object", properties: { value: schema } },
          holder,
          `query.${parameter.name}`,
          true,
        ),
      );
      query[parameter.name] = holder.value;
    }
    for (const key of search.keys()) {
      if (!known.has(key)) problems.push(`query: '${key}' is not in the spec`);
    }
    return { query, problems };
  }

  /** Every way a request departs from the spec. */
  checkRequest(
    op: SpecOperation,
    params: Record<string, string>,
    headers: IncomingMessage["headers"],
    body: unknown,
    rawBody: string,
  ): string[] {
    const problems: string[] = [];
    for (const parameter of op.parameters.filter((p) => p.in === "path")) {
      problems.push(
        ...this.check(
          { type: "object", properties: { value: parameter.schema ?? {} } },
          { value: params[parameter.name] },
          `path.${parameter.name}`,
          true,
        ),
      );
    }
    for (const parameter of op.parameters.filter((p) => p.in === "header")) {
      const value = headers[parameter.name.toLowerCase()];
      if (value === undefined) {
        if (parameter.required) {
          problems.push(`header: '${parameter.name}' is missing`);
        }
        continue;
      }
      problems.push(
        ...this.check(
          parameter.schema ?? {},
          value,
          `header.${parameter.name}`,
        ),
      );
    }

    const security: Record<string, unknown>[] | undefined = op.op.security;
    const authorization = headers.authorization;
    if (security === undefined) {
      if (authorization !== `Bearer ${this.apiKey}`) {
        problems.push(
          "header: 'Authorization' must carry the API key as a bearer token",
        );
      }
    } else if (security.some((s) => "access_token" in s)) {
      if (!/^Bearer .+/.test(authorization ?? "")) {
        problems.push("header: 'Authorization' must carry the access token");
      }
    }

    const schema = requestSchema(op.op);
    if (schema === undefined) {
      if (rawBody !== "") problems.push("body: the operation takes no body");
      return problems;
    }
    if (rawBody === "") {
      if (op.op.requestBody?.required) {
        problems.push("body: required but empty");
      }
      return problems;
    }
    if (!/^application\/json/.test(headers["content-type"] ?? "")) {
      problems.push("header: 'Content-Type' must be application/json");
    }
    problems.push(...this.check(schema, body, "body"));
    return problems;
  }

  /** Whether a candidate request part is valid, for picking samples. */
  accepts(op: SpecOperation, kind: "query" | "body", value: unknown): boolean {
    if (kind === "body") {
      const schema = requestSchema(op.op);
      return schema === undefined ||
        this.check(schema, value, "body").length === 0;
    }
    const search = new URLSearchParams();
    for (
      const [name, item] of Object.entries(value as Record<string, unknown>)
    ) {
      search.set(name, Array.isArray(item) ? item.join(",") : String(item));
    }
    return this.decodeQuery(op, search).problems.length === 0;
  }

  /**
   * The answer to an operation: its success status and a body built from
   * the examples that passes the response schema.
   */
  answer(op: SpecOperation): { status: number; body: unknown } {
    const codes = Object.keys(op.op.responses ?? {}).filter((c) =>
      c.startsWith("2")
    );
    for (const code of codes) {
      const schema = op.op.responses[code].content?.["application/json"]
        ?.schema;
      if (schema === undefined || Object.keys(schema).length === 0) continue;
      for (const candidate of candidates(this.spec, schema)) {
        if (this.check(schema, candidate, "response").length === 0) {
          return { status: Number(code), body: candidate };
        }
      }
      const first = candidates(this.spec, schema)[0];
      throw new Error(
        `No sample answer of ${op.method} ${op.path} passes its schema: ${
          this.check(schema, first, "response").slice(0, 3).join("; ")
        }`,
      );
    }
    return { status: Number(codes[0] ?? 204), body: undefined };
  }
}

/** A running spec server. */
export interface SpecServer {
  url: string;
  validator: SpecValidator;
  /** Every exchange so far, oldest first. */
  exchanges: Exchange[];
  close(): Promise<void>;
}

/** Starts a spec server on 127.0.0.1 on a free port. */
export async function startSpecServer(
  spec: Spec,
  apiKey: string,
): Promise<SpecServer> {
  const validator = new SpecValidator(spec, apiKey);
  const exchanges: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Uint8Array[] = [];
    req.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = new TextDecoder().decode(concat(chunks));
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const exchange: Exchange = {
        operation: undefined,
        method: req.method ?? "GET",
        path: url.pathname,
        query: {},
        headers: req.headers,
        body: undefined,
        problems: [],
        status: 404,
        answer: undefined,
      };
      exchanges.push(exchange);
      try {
        exchange.body = rawBody === "" ? undefined : JSON.parse(rawBody);
      } catch {
        exchange.problems.push("body: not JSON");
      }
      const matched = validator.match(exchange.method, url.pathname);
      if (!matched) {
        exchange.problems.push(
          `no operation ${exchange.method} ${url.pathname} in the spec`,
        );
        res.writeHead(404, { "content-type": "application/json" });
        res.end('{"message":"Not found"}');
        return;
      }
      const { op, params } = matched;
      exchange.operation = `${op.method} ${op.path}`;
      const decoded = validator.decodeQuery(op, url.searchParams);
      exchange.query = decoded.query;
      exchange.problems.push(
        ...decoded.problems,
        ...validator.checkRequest(
          op,
          params,
          req.headers,
          exchange.body,
          rawBody,
        ),
      );
      let answer: { status: number; body: unknown };
      try {
        answer = validator.answer(op);
      } catch (error) {
        exchange.problems.push(`answer: ${(error as Error).message}`);
        answer = { status: 500, body: { message: "No valid sample answer" } };
      }
      const { status } = answer;
      let body = answer.body;
      // A page asked for by cursor is the last one, so walks end.
      const meta = (body as { list_metadata?: unknown } | undefined)
        ?.list_metadata;
      if (
        meta &&
        (url.searchParams.has("after") || url.searchParams.has("before"))
      ) {
        body = {
          ...(body as object),
          list_metadata: { before: null, after: null },
        };
      }
      exchange.status = status;
      exchange.answer = body;
      if (body === undefined) {
        res.writeHead(status);
        res.end();
      } else {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    validator,
    exchanges,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => error ? reject(error) : resolve())
      ),
  };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function resolve(spec: Spec, schema: Schema): Schema {
  let current = schema;
  while (current.$ref) {
    current = spec.components.schemas[current.$ref.split("/").pop()!];
  }
  return current;
}

/** A copy of `schema` whose local `$ref`s point into the registered spec. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#")
        ? `${SPEC_ID}${value}`
        : anchored(value);
  }
  return out;
}
