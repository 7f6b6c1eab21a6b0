/**
 * How spec operations and schemas get their SDK names, and the table of
 * names the rules get wrong.
 *
 * The rules:
 *
 * 1. Groups follow the first tag: each dot-separated part is camelCased, so
 *    `user-management.users` becomes `workos.userManagement.users`.
 *    {@link GROUP_RENAMES} moves a tag elsewhere in the tree.
 * 2. A group's noun is its last tag part (`users`), or the path word it
 *    lives on when that differs ({@link GROUP_NOUNS}). Operations on the
 *    noun's own collection or item are plain CRUD: GET on the collection is
 *    `list` (or `get` when the answer is not a list), POST `create`, and on
 *    an item GET `get`, PUT and PATCH `update`, DELETE `delete`.
 * 3. Operations on another noun add it: `auditLogs.createEvent` for
 *    `POST /audit_logs/events`, `listActions`, `getExport`; a leading copy of
 *    the group noun is dropped (`audit_logs_retention` → `getRetention`).
 *    List names take the plural, the others the singular.
 * 4. A path that ends in a verb (`/organization_memberships/{id}/deactivate`,
 *    `/portal/generate_link`) is named by it, followed by the noun it acts on
 *    unless that is the group's own: `deactivate`, `generateLink`,
 *    `challengeFactor`, `sendEmailChange`.
 * 5. GET `/{noun}/{key}/{value}` is a lookup: `getByExternalId`,
 *    `getByToken`.
 * 6. {@link METHOD_NAMES} overrides the result by `METHOD /path`.
 *
 * Schemas keep their spec name less the spec's internal affixes (a
 * `Userland` prefix, a `Dto`, `Json` or `Response` suffix) unless
 * {@link SCHEMA_NAMES} gives one. Operation types are named from the group
 * (in the singular, without groups that only hold other groups) and the
 * method: `OrganizationCreateParams`, `UserListParams`. A request body schema
 * used by a single operation is that operation's params type; a `...Response`
 * schema that answers a single operation is its `...Result`. A request
 * schema that would take a response schema's name gets an `Input` suffix.
 * An inline answer that repeats a named schema is typed by it; other inline
 * answers are named after their `object` value (`Session`), else after the
 * operation, unless {@link RESULT_NAMES} gives one.
 *
 * @module
 */

import { camel, pascal, plural, sameNoun, singular, words } from "./words.ts";

/** Tags placed elsewhere in the resource tree. */
export const GROUP_RENAMES: Readonly<Record<string, string>> = {
  // The spec's only tag in the singular; it belongs under `applications`.
  "application.client-secrets": "applications.client-secrets",
  // `workos.client` would read as the client itself.
  "client": "client-api",
  // `workos.webhooks` is the signature helper (src/helpers/webhooks.ts);
  // this tag manages the endpoints webhooks are sent to.
  "webhooks": "webhook-endpoints",
};

/** Groups whose CRUD operations live on a path word unlike the tag. */
export const GROUP_NOUNS: Readonly<Record<string, string>> = {
  "webhooks": "webhook_endpoints",
  "pipes.provider": "data_integration_configurations",
};

/** Words that name an action when a path ends with them. */
export const VERBS: ReadonlySet<string> = new Set([
  "accept",
  "authenticate",
  "authorize",
  "challenge",
  "check",
  "complete",
  "confirm",
  "deactivate",
  "decrypt",
  "disable",
  "enable",
  "enroll",
  "expire",
  "generate",
  "logout",
  "reactivate",
  "rekey",
  "resend",
  "revoke",
  "send",
  "validate",
  "verify",
]);

/** Method names the rules get wrong, by `METHOD /path`. */
export const METHOD_NAMES: Readonly<Record<string, string>> = {
  "PATCH /agents/claims/attempts": "linkClaimAttempt",
  "POST /api_keys/validations": "validate",
  "GET /user_management/users/{userId}/api_keys": "listForUser",
  "POST /user_management/users/{userId}/api_keys": "createForUser",
  "POST /authkit/oauth2/complete": "completeLogin",

  // `authorization` holds several collections under one tag.
  "GET /authorization/groups/{group_id}/role_assignments":
    "listGroupRoleAssignments",
  "POST /authorization/groups/{group_id}/role_assignments": "assignGroupRole",
  "PUT /authorization/groups/{group_id}/role_assignments":
    "replaceGroupRoleAssignments",
  "DELETE /authorization/groups/{group_id}/role_assignments": "removeGroupRole",
  "GET /authorization/groups/{group_id}/role_assignments/{role_assignment_id}":
    "getGroupRoleAssignment",
  "DELETE /authorization/groups/{group_id}/role_assignments/{role_assignment_id}":
    "removeGroupRoleAssignment",
  "POST /authorization/organization_memberships/{organization_membership_id}/check":
    "check",
  "GET /authorization/organization_memberships/{organization_membership_id}/resources":
    "listResourcesForMembership",
  "GET /authorization/organization_memberships/{organization_membership_id}/resources/{resource_id}/permissions":
    "listEffectivePermissions",
  "GET /authorization/organization_memberships/{organization_membership_id}/resources/{resource_type_slug}/{external_id}/permissions":
    "listEffectivePermissionsByExternalId",
  "POST /authorization/organization_memberships/{organization_membership_id}/role_assignments":
    "assignRole",
  "DELETE /authorization/organization_memberships/{organization_membership_id}/role_assignments":
    "removeRole",
  "DELETE /authorization/organization_memberships/{organization_membership_id}/role_assignments/{role_assignment_id}":
    "removeRoleAssignment",
  "GET /authorization/organizations/{organizationId}/roles":
    "listOrganizationRoles",
  "POST /authorization/organizations/{organizationId}/roles":
    "createOrganizationRole",
  "GET /authorization/organizations/{organizationId}/roles/{slug}":
    "getOrganizationRole",
  "PATCH /authorization/organizations/{organizationId}/roles/{slug}":
    "updateOrganizationRole",
  "DELETE /authorization/organizations/{organizationId}/roles/{slug}":
    "deleteOrganizationRole",
  "PUT /authorization/organizations/{organizationId}/roles/{slug}/permissions":
    "setOrganizationRolePermissions",
  "POST /authorization/organizations/{organizationId}/roles/{slug}/permissions":
    "addOrganizationRolePermission",
  "DELETE /authorization/organizations/{organizationId}/roles/{slug}/permissions/{permissionSlug}":
    "removeOrganizationRolePermission",
  "GET /authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}":
    "getResourceByExternalId",
  "PATCH /authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}":
    "updateResourceByExternalId",
  "DELETE /authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}":
    "deleteResourceByExternalId",
  "GET /authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}/organization_memberships":
    "listResourceMembershipsByExternalId",
  "GET /authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}/role_assignments":
    "listResourceRoleAssignmentsByExternalId",
  "GET /authorization/resources/{resource_id}/organization_memberships":
    "listResourceMemberships",
  "GET /authorization/resources/{resource_id}/role_assignments":
    "listResourceRoleAssignments",
  "PUT /authorization/roles/{slug}/permissions": "setRolePermissions",
  "POST /authorization/roles/{slug}/permissions": "addRolePermission",

  "PUT /data-integrations/{slug}/client-credentials": "updateClientCredentials",
  "POST /data-integrations/{slug}/authorize": "getAuthorizationUrl",
  "POST /data-integrations/{slug}/credentials": "createCredentials",
  "POST /data-integrations/{slug}/token": "createAccessToken",
  "PUT /organizations/{organizationId}/data_integration_configurations/{slug}":
    "configure",
  "POST /feature-flags/{slug}/targets/{resourceId}": "add",
  "DELETE /feature-flags/{slug}/targets/{resourceId}": "remove",
  "GET /organizations/{organizationId}/groups/{groupId}/organization-memberships":
    "listMembers",
  "POST /organizations/{organizationId}/groups/{groupId}/organization-memberships":
    "addMember",
  "DELETE /organizations/{organizationId}/groups/{groupId}/organization-memberships/{omId}":
    "removeMember",
  "POST /radar/lists/{type}/{action}": "addListEntry",
  "DELETE /radar/lists/{type}/{action}": "removeListEntry",
  "GET /sso/authorize": "getAuthorizationUrl",
  "GET /sso/logout": "getLogoutUrl",
  "POST /sso/token": "getProfileAndToken",
  "GET /sso/jwks/{clientId}": "getJwks",
  "GET /user_management/authorize": "getAuthorizationUrl",
  "POST /user_management/authorize/device": "authorizeDevice",
  "GET /user_management/sessions/logout": "getLogoutUrl",
  "POST /user_management/invitations": "send",
  "POST /user_management/password_reset/confirm": "resetPassword",
  "POST /user_management/users/{id}/email_verification/confirm": "verifyEmail",
  "POST /user_management/users/{id}/email_verification/send":
    "sendVerificationEmail",
  "POST /user_management/users/{userlandUserId}/auth_factors":
    "enrollAuthFactor",
  "POST /vault/v1/keys/decrypt": "decryptDataKey",
  "POST /vault/v1/keys/rekey": "rekeyDataKey",
  "GET /vault/v1/kv": "listObjects",
  "POST /vault/v1/kv": "createObject",
  "GET /vault/v1/kv/name/{name}": "getObjectByName",
  "GET /vault/v1/kv/{id}": "getObject",
  "PUT /vault/v1/kv/{id}": "updateObject",
  "DELETE /vault/v1/kv/{id}": "deleteObject",
  "GET /vault/v1/kv/{id}/metadata": "getObjectMetadata",
  "GET /vault/v1/kv/{id}/versions": "listObjectVersions",
};

/** Schema names the rules get wrong, by spec name. */
export const SCHEMA_NAMES: Readonly<Record<string, string>> = {
  UserObject: "ExternalAuthUser",
  CreateOAuthApplicationDto: "OAuthApplicationCreateParams",
  CreateM2MApplicationDto: "M2MApplicationCreateParams",
  SetRolePermissionsDto: "RolePermissionsInput",
  AddRolePermissionDto: "RolePermissionInput",
  UpdateAuthorizationResourceDto: "AuthorizationResourceUpdateInput",
  TokenQueryDto: "SsoTokenRequest",
  EventSchema: "Event",
  Flag: "FeatureFlag",
  FlagList: "FeatureFlagList",
  OrganizationDomainStandAlone: "OrganizationDomain",
  UserlandUserInvite: "Invitation",
  UserlandUserInviteList: "InvitationList",
  UserlandUserOrganizationMembership: "OrganizationMembership",
  UserlandUserOrganizationMembershipList: "OrganizationMembershipList",
  UserlandUserOrganizationMembershipBaseWithUser: "OrganizationMember",
  UserlandUserOrganizationMembershipBaseWithUserList: "OrganizationMemberList",
  UserlandUserOrganizationMembershipBaseList: "GroupMemberList",
  // The vault's generic names would shadow globals (`Object`, `Error`).
  Actor: "VaultActor",
  CreateDataKeyResponse: "VaultDataKey",
  Error: "VaultError",
  ListMetadata: "VaultListMetadata",
  Object: "VaultObject",
  ObjectListResponse: "VaultObjectList",
  ObjectMetadata: "VaultObjectMetadata",
  ObjectSummary: "VaultObjectSummary",
  ObjectVersion: "VaultObjectVersion",
  ObjectWithoutValue: "VaultObjectWithoutValue",
  VersionListResponse: "VaultObjectVersionList",
};

/** Names of inline result types the rules get wrong, by `METHOD /path`. */
export const RESULT_NAMES: Readonly<Record<string, string>> = {
  "GET /organizations/{organizationId}/groups/{groupId}/organization-memberships":
    "GroupMember",
  "GET /organizations/{organization_id}/authorized_applications":
    "OrganizationAuthorizedApplication",
  "GET /user_management/users/{user_id}/authorized_applications":
    "UserAuthorizedApplication",
  "GET /user_management/users/{id}/identities": "UserIdentity",
};

/** Argument names for path parameters the spec names tersely. */
export const ARGUMENT_NAMES: Readonly<Record<string, string>> = {
  omId: "organizationMembershipId",
  userlandUserId: "userId",
};

/** The group path of a tag: `user-management.users` → `userManagement.users`. */
export function groupPath(tag: string): string[] {
  return (GROUP_RENAMES[tag] ?? tag).split(".").map((part) =>
    camel(words(part))
  );
}

/** What the rules need to know about an operation to name it. */
export interface NamingInput {
  method: string;
  path: string;
  tag: string;
  /** Whether a GET answers with a list. */
  isList: boolean;
}

/** The SDK method name of an operation: the table, else the rules. */
export function methodName(input: NamingInput): string {
  return METHOD_NAMES[`${input.method} ${input.path}`] ?? ruleName(input);
}

function ruleName({ method, path, tag, isList }: NamingInput): string {
  const tagParts = tag.split(".");
  const noun = words(GROUP_NOUNS[tag] ?? tagParts.at(-1)!);
  const segments = path.split("/").filter((s) => s !== "");
  const endsWithParam = segments.at(-1)!.startsWith("{");
  let literals = segments
    .filter((s) => !s.startsWith("{") && !/^v[0-9]+$/.test(s))
    .map(words);
  // A leading path word that only repeats the top-level tag
  // (`/user_management/...`) names a namespace, not a noun.
  const top = words(tagParts[0]);
  if (
    literals.length > 1 && sameNoun(literals[0], top) && !sameNoun(top, noun)
  ) {
    literals = literals.slice(1);
  }
  const last = literals.at(-1)!;
  const previous = literals.at(-2);
  const own = (list: string[]) => sameNoun(list, noun);
  // `audit_logs_retention` in `audit-logs` is just `retention`.
  const strip = (list: string[]) => {
    const n = noun.length;
    const leads = list.length > n &&
      list.slice(0, n).every((w, i) => singular(w) === singular(noun[i]));
    return leads ? list.slice(n) : list;
  };
  const number = (list: string[], many: boolean) =>
    list.length === 0
      ? list
      : [...list.slice(0, -1), (many ? plural : singular)(list.at(-1)!)];

  if (!endsWithParam && VERBS.has(last[0])) {
    const object = last.length === 1 && previous && !own(previous)
      ? number(strip(previous), false)
      : [];
    return camel([...last, ...object]);
  }
  const isKey = last[0] === "by" || last.at(-1) === "id" ||
    sameNoun(last, ["name"]);
  if (endsWithParam && method === "GET" && previous && isKey) {
    return camel(["get", "by", ...last.filter((w) => w !== "by")]);
  }
  const verb = method === "GET"
    ? (isList ? "list" : "get")
    : method === "POST"
    ? "create"
    : method === "DELETE"
    ? "delete"
    : "update";
  return camel([verb, ...(own(last) ? [] : number(strip(last), isList))]);
}

/** The TypeScript name of a spec schema: the table, else the rules. */
export function schemaName(specName: string): string {
  if (SCHEMA_NAMES[specName]) return SCHEMA_NAMES[specName];
  return specName.replace(/^Userland/, "").replace(/(Dto|Json|Response)$/, "");
}

/** `["userManagement", "users"]` + `list` → `UserManagementUserList`. */
export function typePrefix(group: readonly string[], method: string): string {
  return pascal([
    ...group.flatMap((part) => {
      const list = words(part);
      return [...list.slice(0, -1), singular(list.at(-1)!)];
    }),
    ...words(method),
  ]);
}
