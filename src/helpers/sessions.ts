/**
 * Sealed AuthKit sessions: the session cookie holds the access and refresh
 * tokens and the user, encrypted and signed with a cookie password in the
 * format of the official WorkOS SDKs, so a cookie sealed by an application
 * on the official Node SDK opens here and the reverse. Sessions are
 * authenticated from the cookie, refreshed (rotating the refresh token)
 * and ended through the logout URL.
 *
 * @example Authenticate a request from its cookie
 * ```ts ignore
 * import { CoreClient } from "@workos/workos";
 * import { Sessions } from "@workos/workos/sessions";
 *
 * const sessions = new Sessions(new CoreClient());
 * const sessionData = getCookie(request, "wos-session");
 * const session = await sessions.authenticate({ sessionData });
 * if (!session.authenticated) {
 *   const refreshed = await sessions.refresh({ sessionData });
 *   if (refreshed.authenticated) {
 *     setCookie(response, "wos-session", refreshed.sealedSession);
 *   }
 * }
 * ```
 *
 * @module
 */

import type { CoreClient } from "../core/core_client.ts";
import { WorkOSError } from "../core/errors.ts";
import { describe, describeKind } from "../core/options.ts";
import { fromWire } from "../core/mapping.ts";
import { user as userShape } from "../types/wire.ts";
import { type AccessTokenClaims, claimsOf } from "./_claims.ts";
import { cookiePassword, sealData, unsealData } from "./_seal.ts";
import { AccessTokenError } from "./access_token_error.ts";
import { AccessTokens } from "./access_tokens.ts";
import { AuthUrls } from "./auth_urls.ts";
import { SessionCookieError } from "./session_cookie_error.ts";

export {
  SessionCookieError,
  type SessionCookieFailureReason,
} from "./session_cookie_error.ts";
export type { AccessTokenClaims } from "./_claims.ts";
export {
  AccessTokenError,
  type AccessTokenFailureReason,
} from "./access_token_error.ts";
export { AccessTokens, type AccessTokensOptions } from "./access_tokens.ts";
export {
  type RequestSummary,
  WorkOSError,
  type WorkOSErrorInit,
} from "../core/errors.ts";

/** The user stored in a session cookie (camelCase user fields). */
export interface SessionUser {
  /** The user's id (`user_...`). */
  id: string;
  /** The user's email address. */
  email: string;
  /** Every other field of the user. */
  [field: string]: unknown;
}

/** Who is impersonating the session's user, from the WorkOS dashboard. */
export interface SessionImpersonator {
  /** The impersonating dashboard user's email. */
  email: string;
  /** The reason they gave, if any. */
  reason: string | null;
}

/**
 * What a session cookie holds. Field names match the official SDKs', so
 * cookies are interchangeable.
 */
export interface SessionCookieData {
  /** The AuthKit access token (a JWT). */
  accessToken: string;
  /** The refresh token; used once, then replaced. */
  refreshToken: string;
  /** The signed-in user. */
  user: SessionUser;
  /** The organization the session is scoped to, if any. */
  organizationId?: string;
  /** How the user signed in, such as `"Password"`. */
  authenticationMethod?: string;
  /** The dashboard user impersonating the user, if any. */
  impersonator?: SessionImpersonator;
}

/** Options naming the cookie password. */
export interface CookiePasswordOptions {
  /**
   * The password the cookie is sealed with, at least 32 characters.
   * Defaults to the `WORKOS_COOKIE_PASSWORD` environment variable.
   */
  cookiePassword?: string;
}

/** Options naming a session cookie and its password. */
export interface SessionCookieOptions extends CookiePasswordOptions {
  /** The sealed cookie value, or nothing when the request had none. */
  sessionData: string | null | undefined;
}

/** Options of {@link Sessions.refresh}. */
export interface RefreshSessionOptions extends SessionCookieOptions {
  /** Scope the new session to this organization; default the current one. */
  organizationId?: string;
  /** Seal the new cookie with this password instead, to rotate it. */
  newCookiePassword?: string;
  /** The IP address of the user's request, for WorkOS's session record. */
  ipAddress?: string;
  /** The user agent of the user's request, for WorkOS's session record. */
  userAgent?: string;
}

/** Options of {@link Sessions.getLogoutUrl}. */
export interface SessionLogoutUrlOptions extends SessionCookieOptions {
  /** Where to send the user after logout. */
  returnTo?: string;
}

/** The session's claims, lifted from its access token. */
export interface SessionClaims {
  /** The session id (`sid`). */
  sessionId: string;
  /** The organization the session is scoped to. */
  organizationId?: string;
  /** The user's role in that organization. */
  role?: string;
  /** Every role of the user in that organization. */
  roles?: string[];
  /** The permissions the roles grant. */
  permissions?: string[];
  /** The organization's entitlements. */
  entitlements?: string[];
  /** The feature flags enabled for the user. */
  featureFlags?: string[];
  /** The signed-in user. */
  user: SessionUser;
  /** The dashboard user impersonating the user, if any. */
  impersonator?: SessionImpersonator;
  /** How the user signed in. */
  authenticationMethod?: string;
  /** The access token, for calls to the application's own APIs. */
  accessToken: string;
}

/** A cookie whose access token verified. */
export interface AuthenticatedSession extends SessionClaims {
  /** The cookie is valid. */
  authenticated: true;
  /** Every claim of the verified access token. */
  claims: AccessTokenClaims;
}

/**
 * Why a cookie did not authenticate: there was none, it could not be
 * opened, or its access token did not verify (most often: it expired, and
 * {@link Sessions.refresh} is the next step).
 */
export interface UnauthenticatedSession {
  /** The cookie is not valid. */
  authenticated: false;
  /** What failed. */
  reason:
    | "no_session_cookie_provided"
    | "invalid_session_cookie"
    | "invalid_jwt";
  /** The underlying `SessionCookieError` or `AccessTokenError`. */
  error?: SessionCookieError | AccessTokenError;
}

/** The result of {@link Sessions.authenticate}. */
export type AuthenticateSessionResult =
  | AuthenticatedSession
  | UnauthenticatedSession;

/** A refreshed session and its new cookie. */
export interface RefreshedSession extends SessionClaims {
  /** The refresh succeeded. */
  authenticated: true;
  /** The new cookie value; store it, the old refresh token is spent. */
  sealedSession: string;
  /** What the new cookie holds. */
  session: SessionCookieData;
}

/**
 * Why a refresh failed for good; the user must sign in again. A network
 * failure, rate limit or server error is thrown as the client's error
 * instead, since trying again later may succeed.
 */
export interface FailedRefresh {
  /** The refresh failed. */
  authenticated: false;
  /** What failed: the cookie, or the API's refusal by its error code. */
  reason:
    | "no_session_cookie_provided"
    | "invalid_session_cookie"
    | "invalid_grant"
    | "mfa_enrollment"
    | "sso_required"
    | "authentication_failed";
  /** The underlying `SessionCookieError` or `WorkOSError`. */
  error?: SessionCookieError | WorkOSError;
}

/** The result of {@link Sessions.refresh}. */
export type RefreshSessionResult = RefreshedSession | FailedRefresh;

/** Options of {@link Sessions}. */
export interface SessionsOptions {
  /**
   * The verifier of access tokens; share one to share its key cache.
   * Defaults to a new one on the same client.
   */
  accessTokens?: AccessTokens;
}

const KNOWN_REFUSALS = new Set([
  "invalid_grant",
  "mfa_enrollment",
  "sso_required",
]);

/**
 * Seals, opens, authenticates, refreshes and ends AuthKit sessions kept in
 * a cookie.
 *
 * @example Seal a session after sign-in, then open it
 * ```ts
 * import { CoreClient } from "@workos/workos";
 * import { Sessions } from "@workos/workos/sessions";
 *
 * const sessions = new Sessions(new CoreClient({ clientId: "client_123" }));
 * const cookiePassword = "a password of at least 32 characters!";
 * const sealed = await sessions.seal({
 *   accessToken: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
 *   refreshToken: "refresh_123",
 *   user: { id: "user_123", email: "ada@example.com" },
 * }, { cookiePassword });
 * const data = await sessions.unseal(sealed, { cookiePassword });
 * console.log(data.user.email); // "ada@example.com"
 * ```
 */
export class Sessions {
  #client: CoreClient;
  #accessTokens: AccessTokens;

  /**
   * Creates the helper.
   *
   * @param client The client used to refresh sessions and fetch keys.
   * @param options The access token verifier to use.
   */
  constructor(client: CoreClient, options: SessionsOptions = {}) {
    this.#client = client;
    this.#accessTokens = options.accessTokens ?? new AccessTokens(client);
  }

  /**
   * Seals session data into a cookie value. Of an authentication response
   * only the session's fields are kept (tokens, user, organization,
   * method, impersonator), so provider tokens never reach the cookie.
   *
   * @param data The session, such as the camelCase response of an
   * authentication.
   * @param options The cookie password.
   * @returns The cookie value.
   * @throws {TypeError} When a token or the user is missing, or no
   * cookie password is set.
   * @throws {RangeError} When the cookie password is shorter than 32
   * characters.
   */
  async seal(
    data: SessionCookieData,
    options: CookiePasswordOptions = {},
  ): Promise<string> {
    const goal = "seal the session";
    const password = cookiePassword(goal, options.cookiePassword);
    return await sealData(sessionFields(goal, data), password);
  }

  /**
   * Opens a session cookie without verifying its access token.
   *
   * @param sessionData The cookie value.
   * @param options The cookie password.
   * @returns What the cookie holds.
   * @throws {SessionCookieError} When the cookie cannot be opened or lacks
   * the session's tokens.
   * @throws {TypeError} When no cookie password is set.
   * @throws {RangeError} When the cookie password is too short.
   */
  async unseal(
    sessionData: string,
    options: CookiePasswordOptions = {},
  ): Promise<SessionCookieData> {
    const password = cookiePassword(
      "open the session cookie",
      options.cookiePassword,
    );
    return await openSession(sessionData, password);
  }

  /**
   * Authenticates a request from its session cookie: opens it and
   * verifies its access token.
   *
   * @param options The cookie value and password.
   * @returns The session's claims, or why it did not authenticate.
   * @throws {TypeError} When no cookie password or client id is set.
   * @throws {RangeError} When the cookie password is too short.
   * @throws {WorkOSError} When the signing keys cannot be fetched.
   */
  async authenticate(
    options: SessionCookieOptions,
  ): Promise<AuthenticateSessionResult> {
    const goal = "authenticate the session";
    checkObject(goal, options);
    const password = cookiePassword(goal, options.cookiePassword);
    if (!options.sessionData) {
      return { authenticated: false, reason: "no_session_cookie_provided" };
    }

    let session: SessionCookieData;
    try {
      session = await openSession(options.sessionData, password);
    } catch (error) {
      if (!(error instanceof SessionCookieError)) throw error;
      return { authenticated: false, reason: "invalid_session_cookie", error };
    }

    let claims: AccessTokenClaims;
    try {
      claims = await this.#accessTokens.verifyAccessToken(session.accessToken);
    } catch (error) {
      if (!(error instanceof AccessTokenError)) throw error;
      return { authenticated: false, reason: "invalid_jwt", error };
    }
    return {
      authenticated: true,
      ...sessionClaims(session, claims),
      claims,
    };
  }

  /**
   * Exchanges the cookie's refresh token for new tokens and seals them
   * into a new cookie. The refresh token is spent: store the new cookie.
   *
   * @param options The cookie, its password, and optionally another
   * organization or a new cookie password.
   * @returns The new cookie and the session's claims, or why the refresh
   * failed for good.
   * @throws {TypeError} When no cookie password, client id or API key is
   * set.
   * @throws {RangeError} When a cookie password is too short.
   * @throws {WorkOSError} When the API cannot be reached, limits the rate
   * or fails (`ConnectionError`, `RateLimitError`, `InternalServerError`).
   */
  async refresh(options: RefreshSessionOptions): Promise<RefreshSessionResult> {
    const goal = "refresh the session";
    checkObject(goal, options);
    const password = cookiePassword(goal, options.cookiePassword);
    const newPassword = options.newCookiePassword === undefined
      ? password
      : cookiePassword(goal, options.newCookiePassword);
    for (const name of ["organizationId", "ipAddress", "userAgent"] as const) {
      const value = options[name];
      if (value !== undefined && (typeof value !== "string" || value === "")) {
        throw new TypeError(
          `Cannot ${goal} as '${name}' must be a non-empty string: received ${
            describe(value)
          }`,
        );
      }
    }
    if (!options.sessionData) {
      return { authenticated: false, reason: "no_session_cookie_provided" };
    }

    let session: SessionCookieData;
    try {
      session = await openSession(options.sessionData, password);
    } catch (error) {
      if (!(error instanceof SessionCookieError)) throw error;
      return { authenticated: false, reason: "invalid_session_cookie", error };
    }

    let refreshed: SessionCookieData;
    try {
      refreshed = await this.#client.request({
        method: "POST",
        path: "/user_management/authenticate",
        body: {
          grant_type: "refresh_token",
          refresh_token: session.refreshToken,
          organization_id: options.organizationId ??
            unverifiedClaims(session.accessToken).org_id,
          ip_address: options.ipAddress,
          user_agent: options.userAgent,
        },
        bodyCredentials: {
          clientId: "client_id",
          clientSecret: "client_secret",
        },
        parse: parseAuthentication,
      });
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      return {
        authenticated: false,
        reason: refusal,
        error: error as WorkOSError,
      };
    }

    const sealedSession = await sealData(refreshed, newPassword);
    // The tokens come straight from the API through the client, so their
    // claims are read without another signature check.
    const claims = claimsOf(unverifiedClaims(refreshed.accessToken));
    return {
      authenticated: true,
      sealedSession,
      session: refreshed,
      ...sessionClaims(refreshed, claims),
    };
  }

  /**
   * Builds the logout URL of the cookie's session. Works after the access
   * token has expired: the session id is read from the sealed token
   * without verifying it, as the seal already proves where it came from.
   *
   * @param options The cookie, its password and where to go afterwards.
   * @returns The URL to redirect the user to.
   * @throws {SessionCookieError} When the cookie is missing or cannot be
   * opened, or its access token has no session id.
   * @throws {TypeError} When no cookie password is set or `returnTo` is
   * not an absolute URL.
   * @throws {RangeError} When the cookie password is too short.
   */
  async getLogoutUrl(options: SessionLogoutUrlOptions): Promise<string> {
    const goal = "build the logout URL of the session";
    checkObject(goal, options);
    const password = cookiePassword(goal, options.cookiePassword);
    if (!options.sessionData) {
      throw new SessionCookieError(
        "malformed",
        `Cannot ${goal} as there is no session cookie`,
      );
    }
    const session = await openSession(options.sessionData, password);
    const sessionId = unverifiedClaims(session.accessToken).sid;
    if (typeof sessionId !== "string" || sessionId === "") {
      throw new SessionCookieError(
        "incomplete",
        `Cannot ${goal} as its access token has no session id (sid)`,
      );
    }
    return new AuthUrls(this.#client).getLogoutUrl({
      sessionId,
      returnTo: options.returnTo,
    });
  }

  /**
   * Binds a cookie and its password, for code that passes one session
   * around (`authenticate()`, `refresh()`, `getLogoutUrl()`).
   *
   * @param options The cookie value and password.
   * @returns The bound session.
   * @throws {TypeError} When no cookie password is set.
   * @throws {RangeError} When the cookie password is too short.
   */
  load(options: SessionCookieOptions): SealedSession {
    checkObject("load the session", options);
    const password = cookiePassword("load the session", options.cookiePassword);
    return new SealedSession(this, options.sessionData, password);
  }
}

/**
 * One session cookie bound to its password. The password is kept private:
 * it shows in no `JSON.stringify` or inspect output.
 *
 * @example Build the logout URL of a loaded cookie
 * ```ts
 * import { CoreClient } from "@workos/workos";
 * import { Sessions } from "@workos/workos/sessions";
 *
 * const sessions = new Sessions(new CoreClient({ clientId: "client_123" }));
 * const cookiePassword = "a password of at least 32 characters!";
 * const claims = btoa(JSON.stringify({ sid: "session_123" }));
 * const sessionData = await sessions.seal({
 *   accessToken: `eyJhbGciOiJSUzI1NiJ9.${claims.replace(/=+$/, "")}.c2ln`,
 *   refreshToken: "refresh_123",
 *   user: { id: "user_123", email: "ada@example.com" },
 * }, { cookiePassword });
 *
 * const session = sessions.load({ sessionData, cookiePassword });
 * console.log(await session.getLogoutUrl({ returnTo: "https://example.com" }));
 * console.log(JSON.stringify(session)); // {"hasSessionData":true}
 * ```
 */
export class SealedSession {
  #sessions: Sessions;
  #cookiePassword: string;
  #sessionData: string | null | undefined;

  /**
   * Binds a cookie; use {@link Sessions.load}.
   *
   * @param sessions The helper that does the work.
   * @param sessionData The cookie value.
   * @param cookiePassword Its password, already checked.
   */
  constructor(
    sessions: Sessions,
    sessionData: string | null | undefined,
    cookiePassword: string,
  ) {
    this.#sessions = sessions;
    this.#sessionData = sessionData;
    this.#cookiePassword = cookiePassword;
  }

  /** The current cookie value; it changes after a successful refresh. */
  get sessionData(): string | null | undefined {
    return this.#sessionData;
  }

  /**
   * Authenticates the session; see {@link Sessions.authenticate}.
   *
   * @returns The session's claims, or why it did not authenticate.
   * @throws {WorkOSError} When the signing keys cannot be fetched.
   */
  authenticate(): Promise<AuthenticateSessionResult> {
    return this.#sessions.authenticate({
      sessionData: this.#sessionData,
      cookiePassword: this.#cookiePassword,
    });
  }

  /**
   * Refreshes the session and keeps the new cookie; see
   * {@link Sessions.refresh}.
   *
   * @param options Another organization, a new cookie password, and the
   * user's IP address and user agent.
   * @returns The new cookie and claims, or why the refresh failed.
   * @throws {WorkOSError} When the API cannot be reached or fails.
   */
  async refresh(
    options: Omit<RefreshSessionOptions, "sessionData" | "cookiePassword"> = {},
  ): Promise<RefreshSessionResult> {
    const result = await this.#sessions.refresh({
      ...options,
      sessionData: this.#sessionData,
      cookiePassword: this.#cookiePassword,
    });
    if (result.authenticated) {
      this.#sessionData = result.sealedSession;
      if (options.newCookiePassword !== undefined) {
        this.#cookiePassword = options.newCookiePassword;
      }
    }
    return result;
  }

  /**
   * Builds the session's logout URL; see {@link Sessions.getLogoutUrl}.
   *
   * @param options Where to go afterwards.
   * @returns The URL to redirect the user to.
   * @throws {SessionCookieError} When the cookie cannot be opened.
   */
  getLogoutUrl(options: { returnTo?: string } = {}): Promise<string> {
    return this.#sessions.getLogoutUrl({
      ...options,
      sessionData: this.#sessionData,
      cookiePassword: this.#cookiePassword,
    });
  }

  /** A secret-free summary for `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { hasSessionData: Boolean(this.#sessionData) };
  }

  /** What `Deno.inspect` shows: no secret. */
  [Symbol.for("Deno.customInspect")](): string {
    return `SealedSession ${JSON.stringify(this.toJSON())}`;
  }

  /** What Node's `util.inspect` and `console.log` show: no secret. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SealedSession ${JSON.stringify(this.toJSON())}`;
  }
}

async function openSession(
  sessionData: string,
  password: string,
): Promise<SessionCookieData> {
  const data = await unsealData(sessionData, password) as
    | Partial<
      SessionCookieData
    >
    | null;
  if (
    data === null || typeof data !== "object" ||
    typeof data.accessToken !== "string" ||
    typeof data.refreshToken !== "string"
  ) {
    throw new SessionCookieError(
      "incomplete",
      "Cannot open the session cookie as it lacks the access or refresh token",
    );
  }
  return data as SessionCookieData;
}

function sessionFields(
  goal: string,
  data: SessionCookieData,
): SessionCookieData {
  checkObject(goal, data);
  for (const name of ["accessToken", "refreshToken"] as const) {
    if (typeof data[name] !== "string" || data[name] === "") {
      throw new TypeError(
        `Cannot ${goal} as '${name}' must be a non-empty string: received ${
          data[name] === "" ? "an empty string" : typeof data[name]
        }`,
      );
    }
  }
  if (data.user === null || typeof data.user !== "object") {
    throw new TypeError(
      `Cannot ${goal} as 'user' must be an object: received ${
        describe(data.user)
      }`,
    );
  }
  // As the official SDKs do, the organization is the one the access token
  // is scoped to.
  const organizationId = unverifiedClaims(data.accessToken).org_id;
  return {
    accessToken: data.accessToken,
    refreshToken: data.refreshToken,
    user: data.user,
    organizationId: typeof organizationId === "string"
      ? organizationId
      : data.organizationId,
    authenticationMethod: data.authenticationMethod,
    impersonator: data.impersonator,
  };
}

function sessionClaims(
  session: SessionCookieData,
  claims: Partial<AccessTokenClaims>,
): SessionClaims {
  return {
    sessionId: claims.sessionId as string,
    organizationId: claims.organizationId,
    role: claims.role,
    roles: claims.roles,
    permissions: claims.permissions,
    entitlements: claims.entitlements,
    featureFlags: claims.featureFlags,
    user: session.user,
    impersonator: session.impersonator,
    authenticationMethod: session.authenticationMethod,
    accessToken: session.accessToken,
  };
}

/** The payload of a JWT, unverified; empty when it cannot be decoded. */
// Decoded here rather than with jose's decodeJwt: this runs synchronously,
// so jose would have to be imported with the module, and with it every
// client (see _lazy_deps.ts).
function unverifiedClaims(token: string): Record<string, unknown> {
  const parts = token.split(".");
  if (parts.length !== 3) return {};
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims !== null && typeof claims === "object" &&
        !Array.isArray(claims)
      ? claims
      : {};
  } catch {
    return {};
  }
}

function parseAuthentication(wire: unknown): SessionCookieData {
  const record = wire as Record<string, unknown> | null;
  if (
    record === null || typeof record !== "object" ||
    typeof record.access_token !== "string" ||
    typeof record.refresh_token !== "string" ||
    record.user === null || typeof record.user !== "object"
  ) {
    throw new TypeError(
      "Cannot read the refreshed session as the answer lacks 'access_token', 'refresh_token' or 'user'",
    );
  }
  const organizationId = unverifiedClaims(record.access_token).org_id ??
    record.organization_id;
  const session: SessionCookieData = {
    accessToken: record.access_token,
    refreshToken: record.refresh_token,
    user: fromWire<SessionUser>(record.user, userShape),
  };
  if (typeof organizationId === "string") {
    session.organizationId = organizationId;
  }
  if (typeof record.authentication_method === "string") {
    session.authenticationMethod = record.authentication_method;
  }
  if (record.impersonator !== null && typeof record.impersonator === "object") {
    session.impersonator = record.impersonator as SessionImpersonator;
  }
  return session;
}

function refusalOf(error: unknown): FailedRefresh["reason"] | undefined {
  if (!(error instanceof WorkOSError)) return undefined;
  // Only a refusal of the grant itself ends the session. A bad API key
  // (401), a missing route (404), a rate limit or a server error is thrown:
  // it is not the user's session that failed.
  const status = error.statusCode;
  if (status !== 400 && status !== 403 && status !== 422) return undefined;
  const code = error.code;
  if (code !== undefined && KNOWN_REFUSALS.has(code)) {
    return code as FailedRefresh["reason"];
  }
  return "authentication_failed";
}

function checkObject(goal: string, options: unknown): void {
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      `Cannot ${goal} as its options must be an object: received ${
        describeKind(options)
      }`,
    );
  }
}
