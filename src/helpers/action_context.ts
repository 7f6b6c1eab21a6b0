/**
 * The request WorkOS sends to an Action endpoint, and its mapping from the
 * wire.
 *
 * @module
 */

import { describe } from "../core/options.ts";
import { camelizeKeys } from "./_camel.ts";

/** A user as an Action sees it (camelCase fields of the user object). */
export interface ActionUser {
  /** The user's id (`user_...`). */
  id: string;
  /** The user's email address. */
  email: string;
  /** Every other field of the user, in camelCase. */
  [field: string]: unknown;
}

/** What a person entered when signing up, before a user exists. */
export interface ActionUserData {
  /** Always `"user_data"`. */
  object: string;
  /** The email address being registered. */
  email: string;
  /** The first name, if given. */
  firstName?: string | null;
  /** The last name, if given. */
  lastName?: string | null;
  /** Every other field, in camelCase. */
  [field: string]: unknown;
}

/** The fields every Action context has. */
export interface ActionContextBase {
  /** The Action request's id. */
  id: string;
  /** How the person is authenticating, such as `"Password"`. */
  authenticationMethod?: string | null;
  /** The IP address of the person's request. */
  ipAddress?: string | null;
  /** The user agent of the person's request. */
  userAgent?: string | null;
  /** A fingerprint of the person's device, when Radar has one. */
  deviceFingerprint?: string | null;
  /** Every other field, in camelCase. */
  [field: string]: unknown;
}

/** An Action run when an existing user signs in. */
export interface AuthenticationActionContext extends ActionContextBase {
  /** Distinguishes the context. */
  object: "authentication_action_context";
  /** The user signing in. */
  user: ActionUser;
  /** The organization being signed in to, if any. */
  organization?: Record<string, unknown>;
  /** The user's membership in that organization, if any. */
  organizationMembership?: Record<string, unknown>;
  /** The issuer of the authentication, when federated. */
  issuer?: string | null;
}

/** An Action run when a new user registers. */
export interface UserRegistrationActionContext extends ActionContextBase {
  /** Distinguishes the context. */
  object: "user_registration_action_context";
  /** What the person entered. */
  userData: ActionUserData;
  /** The invitation being accepted, if any. */
  invitation?: Record<string, unknown>;
}

/** A verified Action request, discriminated on `object`. */
export type ActionContext =
  | AuthenticationActionContext
  | UserRegistrationActionContext;

const KINDS: Record<string, string> = {
  authentication_action_context: "user",
  user_registration_action_context: "user_data",
};

/**
 * Maps the verified JSON body of an Action request to an
 * {@link ActionContext}.
 *
 * @param wire The decoded body.
 * @returns The context in camelCase.
 * @throws {TypeError} When the body is not a known Action context.
 */
export function toActionContext(wire: unknown): ActionContext {
  const record = wire as Record<string, unknown> | null;
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new TypeError(
      `Cannot read the Action request as its body must be a JSON object: received ${
        describe(wire)
      }`,
    );
  }
  const subject = KINDS[record.object as string];
  if (subject === undefined) {
    throw new TypeError(
      `Cannot read the Action request as 'object' must be "authentication_action_context" or "user_registration_action_context": received ${
        describe(record.object)
      }`,
    );
  }
  if (typeof record.id !== "string") {
    throw new TypeError(
      `Cannot read the Action request as 'id' must be a string: received ${
        describe(record.id)
      }`,
    );
  }
  const person = record[subject] as Record<string, unknown> | null;
  if (
    person === null || typeof person !== "object" ||
    typeof person.email !== "string"
  ) {
    throw new TypeError(
      `Cannot read the Action request as '${subject}' must be an object with an email: received ${
        describe(person)
      }`,
    );
  }

  // Limitation: Action contexts are not in the OpenAPI spec, so their keys
  // are converted by a generic snake_case to camelCase rule rather than a
  // generated per-schema mapper; nested objects are typed loosely.
  return camelizeKeys(record) as ActionContext;
}
