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
export { WorkOSClientBase } from "./src/resources/client_base.ts";
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

// ---------------------------------------------------------------------------
// Hand-written helpers (src/helpers/): webhooks, Actions, PKCE, authorization
// URLs, access tokens and sealed sessions. Each is also its own entry point
// (`@workos/workos/webhooks`, `/actions`, `/pkce`, `/auth-urls`,
// `/access-tokens`, `/sessions`), usable without the client facade.
// ---------------------------------------------------------------------------
export {
  type ConstructEventOptions,
  type CreateSignatureHeaderOptions,
  type RawPayload,
  Webhooks,
} from "./src/helpers/webhooks.ts";
export type { WebhookEvent } from "./src/helpers/webhook_event.ts";
export {
  type SignatureFailureReason,
  SignatureVerificationError,
} from "./src/helpers/signature_error.ts";
export {
  type ActionResponseInput,
  Actions,
  type ActionType,
  type ActionVerdict,
  type ConstructActionOptions,
  type CreateActionSignatureHeaderOptions,
  type SignedActionResponse,
} from "./src/helpers/actions.ts";
export type {
  ActionContext,
  ActionContextBase,
  ActionUser,
  ActionUserData,
  AuthenticationActionContext,
  UserRegistrationActionContext,
} from "./src/helpers/action_context.ts";
export {
  generateCodeChallenge,
  generateCodeVerifier,
  generatePkce,
  Pkce,
  type PkcePair,
} from "./src/helpers/pkce.ts";
export {
  type AuthKitAuthorizationUrlOptions,
  type AuthorizationUrlBaseOptions,
  AuthUrls,
  type LogoutUrlOptions,
  type OAuthProvider,
  type PkceAuthorizationUrl,
  type SsoAuthorizationUrlOptions,
} from "./src/helpers/auth_urls.ts";
export {
  type AccessTokenClaims,
  AccessTokens,
  type AccessTokensOptions,
} from "./src/helpers/access_tokens.ts";
export {
  AccessTokenError,
  type AccessTokenFailureReason,
} from "./src/helpers/access_token_error.ts";
export {
  type AuthenticatedSession,
  type AuthenticateSessionResult,
  type CookiePasswordOptions,
  type FailedRefresh,
  type RefreshedSession,
  type RefreshSessionOptions,
  type RefreshSessionResult,
  SealedSession,
  type SessionClaims,
  type SessionCookieData,
  type SessionCookieOptions,
  type SessionImpersonator,
  type SessionLogoutUrlOptions,
  Sessions,
  type SessionsOptions,
  type SessionUser,
  type UnauthenticatedSession,
} from "./src/helpers/sessions.ts";
export {
  SessionCookieError,
  type SessionCookieFailureReason,
} from "./src/helpers/session_cookie_error.ts";

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
export { WebhookEndpoints } from "./src/resources/webhook_endpoints.ts";
export { Widgets } from "./src/resources/widgets.ts";
export { WorkosConnect } from "./src/resources/workos_connect.ts";
// END resource groups
