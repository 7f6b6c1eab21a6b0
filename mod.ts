/**
 * A TypeScript client for the WorkOS REST API that runs in Deno, Node,
 * Bun, Cloudflare Workers and Vercel Edge.
 *
 * @example Create an organization
 * ```ts
 * import { WorkOSClient } from "@workos/workos";
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * const fake = await startFakeWorkOS();
 * const workos = new WorkOSClient({
 *   authorizationToken: fake.apiKey,
 *   baseUrl: fake.url,
 * });
 * const org = await workos.organizations.create({ name: "Foo Corp" });
 * console.log(org.id);
 * await fake.close();
 * ```
 *
 * @module
 */

export { WorkOSClient } from "./src/client.ts";
export type { WorkOS } from "./src/types/mod.ts";
export { CoreClient } from "./src/core/core_client.ts";
export type { HttpMethod, RequestSpec } from "./src/core/core_client.ts";
export type {
  BackoffOptions,
  ClientOptions,
  Fetcher,
  RequestOptions,
} from "./src/core/options.ts";
export type { Logger, LogLevel } from "./src/core/logger.ts";
export { APIPromise } from "./src/core/api_promise.ts";
export type { RawResponse, WithRawResponse } from "./src/core/api_promise.ts";
export { Page, PagePromise } from "./src/core/pagination.ts";
export type { ListMetadata, PageFetcher } from "./src/core/pagination.ts";
export { buildPath } from "./src/core/url.ts";
export {
  BadRequestError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableEntityError,
  WorkOSError,
} from "./src/core/errors.ts";
export type { RequestSummary, WorkOSErrorInit } from "./src/core/errors.ts";
export { VERSION } from "./src/core/version.ts";

// BEGIN resource groups, written by `deno task generate`
export { AdminPortal } from "./src/resources/admin_portal.ts";
export { Agents } from "./src/resources/agents.ts";
export { ApiKeys } from "./src/resources/api_keys.ts";
export {
  Applications,
  ApplicationsClientSecrets,
} from "./src/resources/applications.ts";
export { AuditLogs } from "./src/resources/audit_logs.ts";
export { Authorization } from "./src/resources/authorization.ts";
export { ClientApi } from "./src/resources/client_api.ts";
export { Connections } from "./src/resources/connections.ts";
export { Directories } from "./src/resources/directories.ts";
export { DirectoryGroups } from "./src/resources/directory_groups.ts";
export { DirectoryUsers } from "./src/resources/directory_users.ts";
export { Events } from "./src/resources/events.ts";
export {
  FeatureFlags,
  FeatureFlagsTargets,
} from "./src/resources/feature_flags.ts";
export { Groups } from "./src/resources/groups.ts";
export {
  MultiFactorAuth,
  MultiFactorAuthChallenges,
} from "./src/resources/multi_factor_auth.ts";
export { OrganizationDomains } from "./src/resources/organization_domains.ts";
export {
  Organizations,
  OrganizationsApiKeys,
  OrganizationsAuthorizedApplications,
  OrganizationsFeatureFlags,
} from "./src/resources/organizations.ts";
export { Permissions } from "./src/resources/permissions.ts";
export { Pipes, PipesProvider } from "./src/resources/pipes.ts";
export { Radar } from "./src/resources/radar.ts";
export { Sso } from "./src/resources/sso.ts";
export {
  UserManagement,
  UserManagementAuthentication,
  UserManagementCorsOrigins,
  UserManagementDataProviders,
  UserManagementInvitations,
  UserManagementJwtTemplate,
  UserManagementMagicAuth,
  UserManagementMultiFactorAuthentication,
  UserManagementOrganizationMembership,
  UserManagementOrganizationMembershipGroups,
  UserManagementRedirectUris,
  UserManagementSessionTokens,
  UserManagementUsers,
  UserManagementUsersAuthorizedApplications,
  UserManagementUsersFeatureFlags,
} from "./src/resources/user_management.ts";
export { Vault } from "./src/resources/vault.ts";
export { Webhooks } from "./src/resources/webhooks.ts";
export { Widgets } from "./src/resources/widgets.ts";
export { WorkosConnect } from "./src/resources/workos_connect.ts";
// END resource groups
