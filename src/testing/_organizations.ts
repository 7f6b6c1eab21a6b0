/**
 * The organization routes.
 *
 * @module
 */

import { Answer, empty, failure, invalid, json, notFound } from "./_answer.ts";
import { listPage, readPageQuery } from "./_paging.ts";
import {
  checkFields,
  type FieldKind,
  objectBody,
  type State,
} from "./_state.ts";
import type { WireOrganization, WireOrganizationDomain } from "./wire_types.ts";

const CREATE_FIELDS: Record<string, FieldKind> = {
  name: "string",
  allow_profiles_outside_organization: "boolean",
  domains: "string_array",
  domain_data: "domain_data",
  metadata: "metadata",
  external_id: "nullable_string",
};

const UPDATE_FIELDS: Record<string, FieldKind> = {
  ...CREATE_FIELDS,
  stripe_customer_id: "string",
};

/**
 * Builds and stores an organization without any checks; the seeding
 * helper and the create route share it.
 *
 * @param state The fake's state.
 * @param name The organization's name.
 * @returns The stored organization.
 */
export function insertOrganization(
  state: State,
  name: string,
): WireOrganization {
  const now = new Date().toISOString();
  const org: WireOrganization = {
    object: "organization",
    id: state.newId("org_"),
    name,
    domains: [],
    metadata: {},
    external_id: null,
    allow_profiles_outside_organization: false,
    created_at: now,
    updated_at: now,
  };
  state.organizations.set(org.id, org);
  return org;
}

/**
 * `POST /organizations`.
 *
 * @param state The fake's state.
 * @param body The parsed request body.
 * @returns The answer.
 */
export function createOrganization(state: State, body: unknown): Answer {
  const input = objectBody(body);
  if (input instanceof Answer) return input;
  const errors = checkFields(input, CREATE_FIELDS);
  if (typeof input.name !== "string" || input.name.trim() === "") {
    errors.unshift({ field: "name", code: "name_required" });
  }
  if (errors.length > 0) {
    return invalid("Validation failed for the organization", errors);
  }
  const taken = findByExternalId(state, input.external_id);
  if (taken !== undefined) return externalIdUsed(input.external_id);

  const org = insertOrganization(state, input.name as string);
  applyChanges(state, org, input, org.created_at);
  return json(201, org);
}

/**
 * `GET /organizations/{id}`.
 *
 * @param state The fake's state.
 * @param id The organization's id.
 * @returns The answer.
 */
export function getOrganization(state: State, id: string): Answer {
  const org = state.organizations.get(id);
  return org ? json(200, org) : notFound("Organization", id);
}

/**
 * `GET /organizations/external_id/{external_id}`.
 *
 * @param state The fake's state.
 * @param externalId The external id to look up.
 * @returns The answer.
 */
export function getOrganizationByExternalId(
  state: State,
  externalId: string,
): Answer {
  const org = findByExternalId(state, externalId);
  return org ? json(200, org) : notFound("Organization", externalId);
}

/**
 * `PUT /organizations/{id}`: changes the fields present in the body.
 *
 * @param state The fake's state.
 * @param id The organization's id.
 * @param body The parsed request body.
 * @returns The answer.
 */
export function updateOrganization(
  state: State,
  id: string,
  body: unknown,
): Answer {
  const org = state.organizations.get(id);
  if (!org) return notFound("Organization", id);
  const input = objectBody(body);
  if (input instanceof Answer) return input;
  const errors = checkFields(input, UPDATE_FIELDS);
  if (input.name !== undefined && String(input.name).trim() === "") {
    errors.push({ field: "name", code: "name_invalid" });
  }
  if (errors.length > 0) {
    return invalid("Validation failed for the organization", errors);
  }
  const taken = findByExternalId(state, input.external_id);
  if (taken !== undefined && taken !== org) {
    return externalIdUsed(input.external_id);
  }

  applyChanges(state, org, input, new Date().toISOString());
  return json(200, org);
}

/**
 * `DELETE /organizations/{id}`.
 *
 * @param state The fake's state.
 * @param id The organization's id.
 * @returns The answer.
 */
export function deleteOrganization(state: State, id: string): Answer {
  if (!state.organizations.delete(id)) return notFound("Organization", id);
  return empty(202);
}

/**
 * `GET /organizations`, with the `domains` and `search` filters.
 *
 * @param state The fake's state.
 * @param query The request's query.
 * @returns The answer.
 */
export function listOrganizations(
  state: State,
  query: Record<string, string>,
): Answer {
  const page = readPageQuery(query);
  if (page instanceof Answer) return page;

  const domains = new Set(
    (query.domains ?? "").split(",").map((d) => d.trim().toLowerCase())
      .filter((d) => d !== ""),
  );
  const search = (query.search ?? "").toLowerCase();
  const matches = [...state.organizations.values()].filter((org) =>
    (domains.size === 0 ||
      org.domains.some((d) => domains.has(d.domain.toLowerCase()))) &&
    org.name.toLowerCase().includes(search)
  );
  return json(200, listPage(matches, page));
}

function findByExternalId(
  state: State,
  externalId: unknown,
): WireOrganization | undefined {
  if (typeof externalId !== "string") return undefined;
  for (const org of state.organizations.values()) {
    if (org.external_id === externalId) return org;
  }
  return undefined;
}

function externalIdUsed(externalId: unknown): Answer {
  return failure(
    400,
    "external_id_already_used",
    `Another organization already has external id ${externalId}`,
  );
}

function applyChanges(
  state: State,
  org: WireOrganization,
  input: Record<string, unknown>,
  now: string,
): void {
  if (typeof input.name === "string") org.name = input.name;
  if (typeof input.allow_profiles_outside_organization === "boolean") {
    org.allow_profiles_outside_organization =
      input.allow_profiles_outside_organization;
  }
  if (input.metadata !== undefined) {
    org.metadata = { ...(input.metadata as Record<string, string> | null) };
  }
  if (input.external_id !== undefined) {
    org.external_id = input.external_id as string | null;
  }
  if (typeof input.stripe_customer_id === "string") {
    org.stripe_customer_id = input.stripe_customer_id;
  }

  // `domain_data` supersedes the older `domains`; either replaces the
  // whole list, keeping the ids of domains that stay.
  const wanted:
    | { domain: string; state?: "pending" | "verified" }[]
    | undefined = Array.isArray(input.domain_data)
      ? input.domain_data
      : Array.isArray(input.domains)
      ? input.domains.map((domain: string) => ({ domain }))
      : undefined;
  if (wanted !== undefined) {
    org.domains = wanted.map(({ domain, state: given }) => {
      const kept = org.domains.find((d) => d.domain === domain);
      const domainState = given ?? kept?.state ?? "pending";
      const next: WireOrganizationDomain = kept ?? {
        object: "organization_domain",
        id: state.newId("org_domain_"),
        organization_id: org.id,
        domain,
        created_at: now,
        updated_at: now,
      };
      if (next.state !== domainState) {
        next.state = domainState;
        next.verification_strategy = domainState === "verified"
          ? "manual"
          : "dns";
        next.updated_at = now;
      }
      return next;
    });
  }
  org.updated_at = now;
}
