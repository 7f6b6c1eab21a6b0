/**
 * Small helpers the generated resource methods share: argument checks,
 * splitting a params object into query and body, and URL-builder needs.
 *
 * @module
 */

import type { CoreClient } from "./core_client.ts";
import type { RequestOptions } from "./options.ts";
import { checkRequestOptions, describe, describeKind } from "./options.ts";

/**
 * What a required field must hold, as the generator reads it from the
 * field's schema. `"any"` is a field of several types, or none, that is
 * only checked for presence.
 */
export type FieldKind =
  | "string"
  | "number"
  | "integer"
  | "boolean"
  | "array"
  | "object"
  | "any";

const KINDS: Record<
  Exclude<FieldKind, "any">,
  [test: (value: unknown) => boolean, what: string]
> = {
  string: [(value) => typeof value === "string", "a string"],
  // NaN and Infinity are numbers that JSON would send as null.
  number: [Number.isFinite, "a finite number"],
  integer: [Number.isInteger, "an integer"],
  boolean: [(value) => typeof value === "boolean", "a boolean"],
  array: [Array.isArray, "an array"],
  object: [isObject, "an object"],
};

function isObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Throws before anything is sent when a required params object or one of
 * its required fields is missing or of the wrong kind.
 *
 * @param method The SDK method, for the message (`organizations.create`).
 * @param params What the caller passed as params.
 * @param required The kind of each required field, by camelCase name.
 * @throws {TypeError} When `params` is not an object, or a required field
 * is `undefined`, `null` or not of its kind.
 */
export function checkParams(
  method: string,
  params: unknown,
  required: Readonly<Record<string, FieldKind>>,
): void {
  const fields = Object.entries(required);
  if (params === undefined && fields.length === 0) return;
  if (!isObject(params)) {
    throw new TypeError(
      `Cannot call ${method} as 'params' must be an object: received ${
        describeKind(params)
      }`,
    );
  }

  for (const [name, kind] of fields) {
    const value = (params as Record<string, unknown>)[name];
    if (value === undefined || value === null) {
      throw new TypeError(
        `Cannot call ${method} as 'params.${name}' is required: received ${
          describe(value)
        }`,
      );
    }
    if (kind === "any" || KINDS[kind][0](value)) continue;
    // The value is of the wrong kind, so a string here may be a secret
    // given to the wrong field: only its length is shown.
    throw new TypeError(
      `Cannot call ${method} as 'params.${name}' must be ${
        KINDS[kind][1]
      }: received ${describeKind(value)}`,
    );
  }
}

/**
 * Splits a params object already in wire form into its query parameters
 * and its JSON body.
 *
 * @param wire The params in wire form.
 * @param queryNames The wire names that go into the query.
 * @returns The query parameters and the body fields.
 */
export function splitQuery(
  wire: unknown,
  queryNames: readonly string[],
): { query: Record<string, unknown>; body: Record<string, unknown> } {
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(wire ?? {})) {
    (queryNames.includes(name) ? query : body)[name] = value;
  }
  return { query, body };
}

/**
 * Spreads object-valued query parameters into `name[key]=value` entries,
 * which the query encoder takes as plain values.
 *
 * @param query Query parameters by wire name.
 * @returns A copy where no value is a plain object.
 */
// Limitation: the spec gives no serialization style for its one object
// query parameter (`provider_query_params`); it is sent as `name[key]=value`
// pairs, the form the authorization endpoints read.
export function spreadObjects(
  query: Record<string, unknown>,
): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) {
        flat[`${name}[${key}]`] = item;
      }
    } else {
      flat[name] = value;
    }
  }
  return flat;
}

/**
 * The client id of a client, for URL builders that send nothing and so
 * cannot rely on the request pipeline to fill it in.
 *
 * @param client The client.
 * @param method The SDK method, for the message.
 * @returns The client id.
 * @throws {TypeError} When neither the options nor the environment set it.
 */
export function clientIdOf(client: CoreClient, method: string): string {
  const id = client.clientId;
  if (id === undefined) {
    throw new TypeError(
      `Cannot call ${method} as no client id is set: pass 'clientId' to new WorkOSClient() or set the WORKOS_CLIENT_ID environment variable`,
    );
  }
  return id;
}

/**
 * Request options that authenticate with a bearer token other than the API
 * key, such as an SSO access token.
 *
 * @param method The SDK method, for the message.
 * @param options The caller's request options.
 * @param token The token to send.
 * @returns A copy of the options with the `Authorization` header set.
 * @throws {TypeError} When the token is not a non-empty string, or an
 * option has the wrong type.
 * @throws {RangeError} When a number option is out of range.
 */
export function withBearer(
  method: string,
  options: RequestOptions | undefined,
  token: unknown,
): RequestOptions {
  if (typeof token !== "string" || token === "") {
    throw new TypeError(
      `Cannot call ${method} as 'accessToken' must be a non-empty string: received ${
        describe(token)
      }`,
    );
  }
  // Checked before the copy: spreading a string or an array of headers
  // would turn it into an object the pipeline's own check accepts.
  checkRequestOptions(options);
  return {
    ...options,
    headers: { ...options?.headers, authorization: `Bearer ${token}` },
  };
}
