/**
 * Maps a method and a path to the route that handles it.
 *
 * @module
 */

import { type Answer, json, notFound } from "./_answer.ts";
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  getOrganizationByExternalId,
  listOrganizations,
  updateOrganization,
} from "./_organizations.ts";
import type { State } from "./_state.ts";
import {
  createUser,
  deleteUser,
  getUser,
  getUserByExternalId,
  listUsers,
  updateUser,
} from "./_users.ts";

/** What a route gets from the request. */
export interface RouteInput {
  state: State;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** One route of the fake API. */
export interface Route {
  /** Whether the route answers without an API key. */
  isPublic: boolean;
  /** Whether the route reads a JSON body. */
  hasBody: boolean;
  handle(input: RouteInput): Answer;
}

interface RouteEntry extends Route {
  method: string;
  segments: string[];
}

const ROUTES: RouteEntry[] = [];

function route(
  method: string,
  template: string,
  handle: (input: RouteInput) => Answer,
  isPublic = false,
): void {
  ROUTES.push({
    method,
    segments: template.split("/").slice(1),
    handle,
    isPublic,
    hasBody: method === "POST" || method === "PUT",
  });
}

route(
  "GET",
  "/sso/jwks/:clientId",
  ({ state, params }) =>
    params.clientId === state.clientId
      ? json(200, { keys: state.jwks.keys })
      : notFound("Client", params.clientId),
  true,
);

route(
  "POST",
  "/organizations",
  ({ state, body }) => createOrganization(state, body),
);
route(
  "GET",
  "/organizations",
  ({ state, query }) => listOrganizations(state, query),
);
route(
  "GET",
  "/organizations/external_id/:externalId",
  ({ state, params }) => getOrganizationByExternalId(state, params.externalId),
);
route(
  "GET",
  "/organizations/:id",
  ({ state, params }) => getOrganization(state, params.id),
);
route(
  "PUT",
  "/organizations/:id",
  ({ state, params, body }) => updateOrganization(state, params.id, body),
);
route(
  "DELETE",
  "/organizations/:id",
  ({ state, params }) => deleteOrganization(state, params.id),
);

route(
  "POST",
  "/user_management/users",
  ({ state, body }) => createUser(state, body),
);
route(
  "GET",
  "/user_management/users",
  ({ state, query }) => listUsers(state, query),
);
route(
  "GET",
  "/user_management/users/external_id/:externalId",
  ({ state, params }) => getUserByExternalId(state, params.externalId),
);
route(
  "GET",
  "/user_management/users/:id",
  ({ state, params }) => getUser(state, params.id),
);
route(
  "PUT",
  "/user_management/users/:id",
  ({ state, params, body }) => updateUser(state, params.id, body),
);
route(
  "DELETE",
  "/user_management/users/:id",
  ({ state, params }) => deleteUser(state, params.id),
);

/**
 * Finds the route for a request; fixed segments win over parameters
 * because the more specific routes are listed first.
 *
 * @param method The request's method.
 * @param path The request's path, still percent-encoded.
 * @returns The route and its decoded parameters, or `undefined`.
 */
export function findRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = path.split("/").slice(1);
  for (const entry of ROUTES) {
    if (entry.method !== method) continue;
    if (entry.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = entry.segments.every((expected, i) => {
      if (!expected.startsWith(":")) return expected === segments[i];
      const value = decode(segments[i]);
      if (value === undefined || value === "") return false;
      params[expected.slice(1)] = value;
      return true;
    });
    if (matches) return { route: entry, params };
  }
  return undefined;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
