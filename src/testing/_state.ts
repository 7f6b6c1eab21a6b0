/**
 * The fake's in-memory state and the checks its routes share.
 *
 * @module
 */

import { type Answer, type FieldError, invalid } from "./_answer.ts";
import { createIdFactory, type IdFactory } from "./_ids.ts";
import type { WireOrganization, WireUser } from "./wire_types.ts";

/** Everything the routes read and change. */
export interface State {
  clientId: string;
  jwks: { keys: readonly object[] };
  organizations: Map<string, WireOrganization>;
  users: Map<string, WireUser>;
  newId: IdFactory;
}

/**
 * Creates an empty state.
 *
 * @param clientId The client id the JWKS route answers for.
 * @param jwks The key set the JWKS route sends.
 * @returns The state.
 */
export function createState(
  clientId: string,
  jwks: { keys: readonly object[] },
): State {
  return {
    clientId,
    jwks,
    organizations: new Map(),
    users: new Map(),
    newId: createIdFactory(),
  };
}

/** The types a body field may be required to have. */
export type FieldKind =
  | "string"
  | "nullable_string"
  | "boolean"
  | "nullable_boolean"
  | "metadata"
  | "string_array"
  | "domain_data";

/**
 * Checks the types of the fields present in a body.
 *
 * @param body The request body.
 * @param kinds The expected kind of each known field.
 * @returns The fields whose value has the wrong type.
 */
export function checkFields(
  body: Record<string, unknown>,
  kinds: Record<string, FieldKind>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, kind] of Object.entries(kinds)) {
    if (!(field in body) || body[field] === undefined) continue;
    if (!hasKind(body[field], kind)) {
      errors.push({ field, code: `${field}_invalid` });
    }
  }
  return errors;
}

function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "nullable_string":
      return value === null || typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "nullable_boolean":
      return value === null || typeof value === "boolean";
    case "metadata":
      return value === null ||
        (isRecord(value) &&
          Object.values(value).every((v) => typeof v === "string"));
    case "string_array":
      return Array.isArray(value) &&
        value.every((v) => typeof v === "string" && v !== "");
    case "domain_data":
      return Array.isArray(value) &&
        value.every((v) =>
          isRecord(v) && typeof v.domain === "string" && v.domain !== "" &&
          (v.state === "pending" || v.state === "verified")
        );
  }
}

/**
 * Tells whether a value is a plain JSON object.
 *
 * @param value Any value.
 * @returns `true` for an object that is not null or an array.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Requires a JSON object body.
 *
 * @param body The parsed body.
 * @returns The body, or a 422 answer.
 */
export function objectBody(body: unknown): Record<string, unknown> | Answer {
  if (body === undefined) return {};
  if (isRecord(body)) return body;
  return invalid("The request body must be a JSON object", [
    { field: "body", code: "body_invalid" },
  ]);
}
