/**
 * The user management user routes.
 *
 * @module
 */

import { Answer, empty, invalid, json, notFound } from "./_answer.ts";
import { listPage, readPageQuery } from "./_paging.ts";
import {
  checkFields,
  type FieldKind,
  objectBody,
  type State,
} from "./_state.ts";
import type { WireUser } from "./wire_types.ts";

const CREATE_FIELDS: Record<string, FieldKind> = {
  email: "string",
  first_name: "nullable_string",
  last_name: "nullable_string",
  name: "nullable_string",
  email_verified: "nullable_boolean",
  metadata: "metadata",
  external_id: "nullable_string",
  password: "nullable_string",
};

const UPDATE_FIELDS: Record<string, FieldKind> = {
  ...CREATE_FIELDS,
  email_verified: "boolean",
  locale: "nullable_string",
};

/**
 * Builds and stores a user without any checks; the seeding helper and
 * the create route share it.
 *
 * @param state The fake's state.
 * @param email The user's email address.
 * @returns The stored user.
 */
export function insertUser(state: State, email: string): WireUser {
  const now = new Date().toISOString();
  const user: WireUser = {
    object: "user",
    id: state.newId("user_"),
    email,
    first_name: null,
    last_name: null,
    email_verified: false,
    profile_picture_url: null,
    external_id: null,
    metadata: {},
    last_sign_in_at: null,
    locale: null,
    created_at: now,
    updated_at: now,
  };
  state.users.set(user.id, user);
  return user;
}

/**
 * `POST /user_management/users`.
 *
 * @param state The fake's state.
 * @param body The parsed request body.
 * @returns The answer.
 */
export function createUser(state: State, body: unknown): Answer {
  const input = objectBody(body);
  if (input instanceof Answer) return input;
  const errors = checkFields(input, CREATE_FIELDS);
  if (typeof input.email !== "string" || !input.email.includes("@")) {
    errors.unshift({
      field: "email",
      code: input.email === undefined ? "email_required" : "email_invalid",
    });
  }
  if (errors.length > 0) {
    return invalid("Validation failed for the user", errors);
  }

  // Limitation: the API refuses a second user with the same email; the
  // fake accepts it, as no test so far needs that check.
  const user = insertUser(state, input.email as string);
  applyChanges(user, input, user.created_at);
  return json(201, user);
}

/**
 * `GET /user_management/users/{id}`.
 *
 * @param state The fake's state.
 * @param id The user's id.
 * @returns The answer.
 */
export function getUser(state: State, id: string): Answer {
  const user = state.users.get(id);
  return user ? json(200, user) : notFound("User", id);
}

/**
 * `GET /user_management/users/external_id/{external_id}`.
 *
 * @param state The fake's state.
 * @param externalId The external id to look up.
 * @returns The answer.
 */
export function getUserByExternalId(state: State, externalId: string): Answer {
  for (const user of state.users.values()) {
    if (user.external_id === externalId) return json(200, user);
  }
  return notFound("User", externalId);
}

/**
 * `PUT /user_management/users/{id}`: changes the fields present in the
 * body.
 *
 * @param state The fake's state.
 * @param id The user's id.
 * @param body The parsed request body.
 * @returns The answer.
 */
export function updateUser(state: State, id: string, body: unknown): Answer {
  const user = state.users.get(id);
  if (!user) return notFound("User", id);
  const input = objectBody(body);
  if (input instanceof Answer) return input;
  const errors = checkFields(input, UPDATE_FIELDS);
  if (typeof input.email === "string" && !input.email.includes("@")) {
    errors.push({ field: "email", code: "email_invalid" });
  }
  if (errors.length > 0) {
    return invalid("Validation failed for the user", errors);
  }

  applyChanges(user, input, new Date().toISOString());
  return json(200, user);
}

/**
 * `DELETE /user_management/users/{id}`.
 *
 * @param state The fake's state.
 * @param id The user's id.
 * @returns The answer.
 */
export function deleteUser(state: State, id: string): Answer {
  if (!state.users.delete(id)) return notFound("User", id);
  return empty(200);
}

/**
 * `GET /user_management/users`, with the `email` and `organization_id`
 * filters.
 *
 * @param state The fake's state.
 * @param query The request's query.
 * @returns The answer.
 */
export function listUsers(
  state: State,
  query: Record<string, string>,
): Answer {
  const page = readPageQuery(query);
  if (page instanceof Answer) return page;

  // Limitation: the fake keeps no organization memberships, so filtering
  // by organization matches no user.
  const organizationId = query.organization_id ?? query.organization;
  const email = query.email?.toLowerCase();
  const matches = [...state.users.values()].filter((user) =>
    organizationId === undefined &&
    (email === undefined || user.email.toLowerCase() === email)
  );
  return json(200, listPage(matches, page));
}

function applyChanges(
  user: WireUser,
  input: Record<string, unknown>,
  now: string,
): void {
  if (typeof input.email === "string") user.email = input.email;
  for (const field of ["first_name", "last_name", "external_id"] as const) {
    if (input[field] !== undefined) {
      user[field] = input[field] as string | null;
    }
  }
  for (const field of ["name", "locale"] as const) {
    if (input[field] !== undefined) {
      user[field] = input[field] as string | null;
    }
  }
  if (typeof input.email_verified === "boolean") {
    user.email_verified = input.email_verified;
  }
  if (input.metadata !== undefined) {
    user.metadata = { ...(input.metadata as Record<string, string> | null) };
  }
  user.updated_at = now;
}
