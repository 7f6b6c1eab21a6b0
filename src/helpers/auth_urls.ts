/**
 * Builds the URLs a browser is sent to: SSO and AuthKit authorization,
 * AuthKit logout, and the JWKS of access tokens. Nothing is sent; every
 * value is percent-encoded, so no argument can add or change a parameter.
 *
 * @example Send a user to AuthKit
 * ```ts
 * import { CoreClient } from "@workos/workos";
 * import { AuthUrls } from "@workos/workos/auth-urls";
 *
 * const urls = new AuthUrls(new CoreClient({ clientId: "client_123" }));
 * const url = urls.getAuthKitAuthorizationUrl({
 *   provider: "authkit",
 *   redirectUri: "https://example.com/callback",
 *   state: "return_to=/dashboard",
 * });
 * console.log(url);
 * ```
 *
 * @module
 */

import type { CoreClient } from "../core/core_client.ts";
import { describe, describeKind } from "../core/options.ts";
import { buildPath } from "../core/url.ts";
import { generateCodeVerifier, generatePkce } from "./pkce.ts";

/** The OAuth providers WorkOS can start a sign-in with. */
export type OAuthProvider =
  | "AppleOAuth"
  | "BitbucketOAuth"
  | "GitHubOAuth"
  | "GitLabOAuth"
  | "GoogleOAuth"
  | "IntuitOAuth"
  | "LinkedInOAuth"
  | "MicrosoftOAuth"
  | "SalesforceOAuth"
  | "SlackOAuth"
  | "VercelMarketplaceOAuth"
  | "VercelOAuth"
  | "XeroOAuth";

/** The options both authorization URLs share. */
export interface AuthorizationUrlBaseOptions {
  /** Where WorkOS sends the user back; one of the dashboard's redirect URIs. */
  redirectUri: string;
  /** The client id; defaults to the client's. */
  clientId?: string;
  /** An opaque value WorkOS returns unchanged to the redirect URI. */
  state?: string;
  /** The PKCE S256 challenge (see `generatePkce`). */
  codeChallenge?: string;
  /** The PKCE method; `"S256"`, the default when a challenge is given. */
  codeChallengeMethod?: "S256";
  /** Pre-fills the domain at the identity provider. */
  domainHint?: string;
  /** Pre-fills the email or username at the identity provider. */
  loginHint?: string;
  /** Extra OAuth scopes to request from the identity provider. */
  providerScopes?: readonly string[];
  /** Extra query parameters passed on to the OAuth provider. */
  providerQueryParams?: Record<string, string>;
}

/**
 * Options of {@link AuthUrls.getSsoAuthorizationUrl}: exactly one of
 * `provider`, `connection` or `organization`.
 */
export interface SsoAuthorizationUrlOptions
  extends AuthorizationUrlBaseOptions {
  /** Start an OAuth sign-in with this provider. */
  provider?: OAuthProvider | (string & Record<never, never>);
  /** Start SSO with this connection (`conn_...`). */
  connection?: string;
  /** Start SSO with this organization's connection (`org_...`). */
  organization?: string;
  /** A random value echoed in the ID token, against replays. */
  nonce?: string;
  /** `"login"` forces the user to sign in again at the identity provider. */
  prompt?: "login";
}

/**
 * Options of {@link AuthUrls.getAuthKitAuthorizationUrl}: exactly one of
 * `provider`, `connectionId` or `organizationId`.
 */
export interface AuthKitAuthorizationUrlOptions
  extends AuthorizationUrlBaseOptions {
  /** `"authkit"` for the hosted AuthKit UI, or an OAuth provider. */
  provider?: "authkit" | OAuthProvider | (string & Record<never, never>);
  /** Sign in with this SSO connection (`conn_...`). */
  connectionId?: string;
  /** Sign in with this organization's SSO (`org_...`). */
  organizationId?: string;
  /** Which AuthKit screen to open; only with provider `"authkit"`. */
  screenHint?: "sign-up" | "sign-in";
  /**
   * The longest time in seconds since the user last signed in before they
   * must sign in again; 0 forces it. Only with provider `"authkit"`.
   */
  maxAge?: number;
  /** An invitation token to redeem during the sign-in. */
  invitationToken?: string;
  /** Controls the sign-in flow, such as `"login"`. */
  prompt?: string;
}

/** An authorization URL with the PKCE verifier and state it was built with. */
export interface PkceAuthorizationUrl {
  /** The URL to redirect the user to. */
  url: string;
  /** The state in the URL; check it on the callback. */
  state: string;
  /** The verifier to send with the code exchange; keep it secret. */
  codeVerifier: string;
}

/** Options of {@link AuthUrls.getLogoutUrl}. */
export interface LogoutUrlOptions {
  /** The session to end: the access token's `sid` claim. */
  sessionId: string;
  /** Where to send the user after logout. */
  returnTo?: string;
}

/**
 * Builds authorization, logout and JWKS URLs on the client's API origin.
 *
 * @example Start SSO for an organization with PKCE
 * ```ts
 * import { CoreClient } from "@workos/workos";
 * import { AuthUrls } from "@workos/workos/auth-urls";
 *
 * const urls = new AuthUrls(new CoreClient({ clientId: "client_123" }));
 * const { url, state, codeVerifier } = await urls
 *   .getSsoAuthorizationUrlWithPkce({
 *     organization: "org_123",
 *     redirectUri: "https://example.com/callback",
 *   });
 * // Keep state and codeVerifier in the user's session, then redirect.
 * console.log(url, state.length, codeVerifier.length);
 * ```
 */
export class AuthUrls {
  #client: CoreClient;

  /**
   * Creates the builder.
   *
   * @param client The client whose origin and client id the URLs use.
   */
  constructor(client: CoreClient) {
    this.#client = client;
  }

  /**
   * Builds the URL that starts SSO or an OAuth sign-in (`/sso/authorize`).
   *
   * @param options The redirect URI, exactly one of `provider`,
   * `connection` or `organization`, and optional hints.
   * @returns The URL to redirect the user to.
   * @throws {TypeError} When an argument is missing, has the wrong type or
   * contradicts another, or no client id is set.
   */
  getSsoAuthorizationUrl(options: SsoAuthorizationUrlOptions): string {
    const goal = "build the SSO authorization URL";
    checkObject(goal, options);
    const selector = pickOne(goal, options, [
      "provider",
      "connection",
      "organization",
    ]);
    const query = baseQuery(goal, options, this.#clientId(goal, options));
    query.push([selector.wire, selector.value]);
    pushText(goal, query, "nonce", "nonce", options.nonce);
    if (options.prompt !== undefined && options.prompt !== "login") {
      throw new TypeError(
        `Cannot ${goal} as 'prompt' must be "login": received ${
          describe(options.prompt)
        }`,
      );
    }
    pushText(goal, query, "prompt", "prompt", options.prompt);
    return this.#url("/sso/authorize", query);
  }

  /**
   * Builds the URL that starts an AuthKit sign-in
   * (`/user_management/authorize`).
   *
   * @param options The redirect URI, exactly one of `provider`,
   * `connectionId` or `organizationId`, and optional hints.
   * @returns The URL to redirect the user to.
   * @throws {TypeError} When an argument is missing, has the wrong type or
   * contradicts another, or no client id is set.
   * @throws {RangeError} When `maxAge` is not a whole number of at least 0.
   */
  getAuthKitAuthorizationUrl(options: AuthKitAuthorizationUrlOptions): string {
    const goal = "build the AuthKit authorization URL";
    checkObject(goal, options);
    const selector = pickOne(goal, options, [
      "provider",
      "connectionId",
      "organizationId",
    ]);
    const query = baseQuery(goal, options, this.#clientId(goal, options));
    query.push([selector.wire, selector.value]);

    const authKit = options.provider === "authkit";
    if (options.screenHint !== undefined) {
      if (!authKit) {
        throw new TypeError(
          `Cannot ${goal} as 'screenHint' applies only to provider "authkit": received provider ${
            describe(options.provider)
          }`,
        );
      }
      if (
        options.screenHint !== "sign-up" && options.screenHint !== "sign-in"
      ) {
        throw new TypeError(
          `Cannot ${goal} as 'screenHint' must be "sign-up" or "sign-in": received ${
            describe(options.screenHint)
          }`,
        );
      }
      query.push(["screen_hint", options.screenHint]);
    }
    if (options.maxAge !== undefined) {
      if (!authKit) {
        throw new TypeError(
          `Cannot ${goal} as 'maxAge' applies only to provider "authkit": received provider ${
            describe(options.provider)
          }`,
        );
      }
      if (!Number.isSafeInteger(options.maxAge) || options.maxAge < 0) {
        throw new RangeError(
          `Cannot ${goal} as 'maxAge' must be a whole number of seconds of at least 0: received ${
            describe(options.maxAge)
          }`,
        );
      }
      query.push(["max_age", String(options.maxAge)]);
    }
    pushText(
      goal,
      query,
      "invitationToken",
      "invitation_token",
      options.invitationToken,
    );
    pushText(goal, query, "prompt", "prompt", options.prompt);
    return this.#url("/user_management/authorize", query);
  }

  /**
   * Builds an SSO authorization URL with a fresh PKCE verifier and, unless
   * one is given, a random state.
   *
   * @param options As for {@link AuthUrls.getSsoAuthorizationUrl}, without
   * the challenge.
   * @returns The URL, its state and the code verifier.
   * @throws {TypeError} When an argument is missing, has the wrong type or
   * contradicts another, or no client id is set.
   */
  async getSsoAuthorizationUrlWithPkce(
    options: Omit<
      SsoAuthorizationUrlOptions,
      "codeChallenge" | "codeChallengeMethod"
    >,
  ): Promise<PkceAuthorizationUrl> {
    checkObject("build the SSO authorization URL", options);
    const pkce = await generatePkce();
    const state = options.state ?? generateCodeVerifier();
    const url = this.getSsoAuthorizationUrl({
      ...options,
      state,
      codeChallenge: pkce.codeChallenge,
      codeChallengeMethod: pkce.codeChallengeMethod,
    });
    return { url, state, codeVerifier: pkce.codeVerifier };
  }

  /**
   * Builds an AuthKit authorization URL with a fresh PKCE verifier and,
   * unless one is given, a random state.
   *
   * @param options As for {@link AuthUrls.getAuthKitAuthorizationUrl},
   * without the challenge.
   * @returns The URL, its state and the code verifier.
   * @throws {TypeError} When an argument is missing, has the wrong type or
   * contradicts another, or no client id is set.
   * @throws {RangeError} When `maxAge` is not a whole number of at least 0.
   */
  async getAuthKitAuthorizationUrlWithPkce(
    options: Omit<
      AuthKitAuthorizationUrlOptions,
      "codeChallenge" | "codeChallengeMethod"
    >,
  ): Promise<PkceAuthorizationUrl> {
    checkObject("build the AuthKit authorization URL", options);
    const pkce = await generatePkce();
    const state = options.state ?? generateCodeVerifier();
    const url = this.getAuthKitAuthorizationUrl({
      ...options,
      state,
      codeChallenge: pkce.codeChallenge,
      codeChallengeMethod: pkce.codeChallengeMethod,
    });
    return { url, state, codeVerifier: pkce.codeVerifier };
  }

  /**
   * Builds the URL that ends an AuthKit session
   * (`/user_management/sessions/logout`).
   *
   * @param options The session id and where to go afterwards.
   * @returns The URL to redirect the user to.
   * @throws {TypeError} When `sessionId` is missing or `returnTo` is not an
   * absolute URL.
   */
  getLogoutUrl(options: LogoutUrlOptions): string {
    const goal = "build the logout URL";
    checkObject(goal, options);
    const query: Array<[string, string]> = [];
    pushText(goal, query, "sessionId", "session_id", options.sessionId, true);
    if (options.returnTo !== undefined) {
      checkAbsoluteUrl(goal, "returnTo", options.returnTo);
      query.push(["return_to", options.returnTo]);
    }
    return this.#url("/user_management/sessions/logout", query);
  }

  /**
   * Builds the URL of the JSON Web Key Set that signs a client's access
   * tokens (`/sso/jwks/{clientId}`).
   *
   * @param clientId The client id; defaults to the client's.
   * @returns The URL.
   * @throws {TypeError} When no client id is given or set.
   */
  getJwksUrl(clientId?: string): string {
    const goal = "build the JWKS URL";
    const id = this.#clientId(goal, { clientId });
    return this.#url(buildPath("/sso/jwks/{clientId}", { clientId: id }), []);
  }

  #clientId(goal: string, options: { clientId?: unknown }): string {
    const id = options.clientId ?? this.#client.clientId;
    if (id === undefined) {
      throw new TypeError(
        `Cannot ${goal} as no client id is set: pass 'clientId', give it to the client, or set the WORKOS_CLIENT_ID environment variable`,
      );
    }
    checkText(goal, "clientId", id);
    return id as string;
  }

  #url(path: string, query: Array<[string, string]>): string {
    const url = new URL(this.#client.baseUrl + path);
    for (const [name, value] of query) url.searchParams.append(name, value);
    return url.toString();
  }
}

const WIRE_NAMES: Record<string, string> = {
  provider: "provider",
  connection: "connection",
  organization: "organization",
  connectionId: "connection_id",
  organizationId: "organization_id",
};

function pickOne(
  goal: string,
  options: object,
  names: string[],
): { wire: string; value: string } {
  const record = options as Record<string, unknown>;
  const given = names.filter((name) => record[name] !== undefined);
  const list = names.map((name) => `'${name}'`).join(", ").replace(
    /, ([^,]*)$/,
    " or $1",
  );
  if (given.length === 0) {
    throw new TypeError(
      `Cannot ${goal} as it needs one of ${list}: received none`,
    );
  }
  if (given.length > 1) {
    throw new TypeError(
      `Cannot ${goal} as ${
        given.map((name) => `'${name}'`).join(" and ")
      } contradict each other: pass only one of ${list}`,
    );
  }
  const name = given[0];
  checkText(goal, name, record[name]);
  return { wire: WIRE_NAMES[name], value: record[name] as string };
}

function baseQuery(
  goal: string,
  options: AuthorizationUrlBaseOptions,
  clientId: string,
): Array<[string, string]> {
  if (options.redirectUri === undefined) {
    throw new TypeError(
      `Cannot ${goal} as 'redirectUri' is missing: pass one of the redirect URIs configured in the WorkOS dashboard`,
    );
  }
  checkAbsoluteUrl(goal, "redirectUri", options.redirectUri);
  const query: Array<[string, string]> = [
    ["client_id", clientId],
    ["redirect_uri", options.redirectUri],
    ["response_type", "code"],
  ];
  pushText(goal, query, "state", "state", options.state);

  const { codeChallenge, codeChallengeMethod } = options;
  if (codeChallengeMethod !== undefined && codeChallengeMethod !== "S256") {
    throw new TypeError(
      `Cannot ${goal} as 'codeChallengeMethod' must be "S256": received ${
        describe(codeChallengeMethod)
      }`,
    );
  }
  if (codeChallengeMethod !== undefined && codeChallenge === undefined) {
    throw new TypeError(
      `Cannot ${goal} as 'codeChallengeMethod' is given without 'codeChallenge': pass both, or neither`,
    );
  }
  if (codeChallenge !== undefined) {
    pushText(goal, query, "codeChallenge", "code_challenge", codeChallenge);
    query.push(["code_challenge_method", "S256"]);
  }
  pushText(goal, query, "domainHint", "domain_hint", options.domainHint);
  pushText(goal, query, "loginHint", "login_hint", options.loginHint);

  const scopes = options.providerScopes;
  if (scopes !== undefined) {
    if (!Array.isArray(scopes)) {
      throw new TypeError(
        `Cannot ${goal} as 'providerScopes' must be an array of strings: received ${
          describe(scopes)
        }`,
      );
    }
    // One parameter per scope, the form the official SDKs send, rather
    // than the comma-joined form of other array parameters.
    for (const scope of scopes) {
      pushText(goal, query, "providerScopes", "provider_scopes", scope, true);
    }
  }

  const params = options.providerQueryParams;
  if (params !== undefined) {
    if (
      params === null || typeof params !== "object" || Array.isArray(params)
    ) {
      throw new TypeError(
        `Cannot ${goal} as 'providerQueryParams' must be an object of strings: received ${
          describe(params)
        }`,
      );
    }
    for (const [key, value] of Object.entries(params)) {
      // Brackets in a key would nest or split the `name[key]` parameter
      // once the API decodes it.
      if (key === "" || /[[\]]/.test(key)) {
        throw new TypeError(
          `Cannot ${goal} as each 'providerQueryParams' key must be non-empty and free of brackets: received ${
            describe(key)
          }`,
        );
      }
      checkText(goal, `providerQueryParams.${key}`, value);
      query.push([`provider_query_params[${key}]`, value]);
    }
  }
  return query;
}

function pushText(
  goal: string,
  query: Array<[string, string]>,
  name: string,
  wire: string,
  value: unknown,
  required = false,
): void {
  if (value === undefined && !required) return;
  checkText(goal, name, value);
  query.push([wire, value as string]);
}

// A lone surrogate would be silently replaced by U+FFFD when encoded, so
// the value WorkOS returns would differ from the one given.
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(goal: string, name: string, value: unknown): void {
  if (typeof value !== "string" || value === "") {
    throw new TypeError(
      `Cannot ${goal} as '${name}' must be a non-empty string: received ${
        describe(value)
      }`,
    );
  }
  if (LONE_SURROGATE.test(value)) {
    throw new TypeError(
      `Cannot ${goal} as '${name}' must be well-formed Unicode: received a string with a lone surrogate`,
    );
  }
}

function checkAbsoluteUrl(goal: string, name: string, value: unknown): void {
  checkText(goal, name, value);
  try {
    new URL(value as string);
  } catch {
    throw new TypeError(
      `Cannot ${goal} as '${name}' must be an absolute URL: received ${
        describe(value)
      }`,
    );
  }
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
