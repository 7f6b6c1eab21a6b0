/**
 * Verifies AuthKit access tokens: RS256 signatures against the client's
 * JSON Web Key Set (fetched through the client, cached, and fetched again
 * on an unknown key id at most once per cooldown), expiry, not-before and
 * issuer. Built on `jose`, which runs on WebCrypto in every runtime.
 *
 * @example Verify the bearer token of a request
 * ```ts ignore
 * import { CoreClient } from "@workos/workos";
 * import { AccessTokenError, AccessTokens } from "@workos/workos/access-tokens";
 *
 * const tokens = new AccessTokens(new CoreClient({ clientId: "client_123" }));
 * const bearer = request.headers.get("authorization")?.replace(/^Bearer /, "");
 * try {
 *   const claims = await tokens.verifyAccessToken(bearer ?? "");
 *   console.log(claims.userId, claims.organizationId, claims.permissions);
 * } catch (error) {
 *   if (error instanceof AccessTokenError) console.log(error.reason);
 *   else throw error;
 * }
 * ```
 *
 * @module
 */

import type { JSONWebKeySet, JWTPayload } from "jose";
import type { CoreClient } from "../core/core_client.ts";
import { describe } from "../core/options.ts";
import { buildPath } from "../core/url.ts";
import { webCrypto } from "../core/web_crypto.ts";
import { JwksCache } from "./_jwks.ts";
import { loadJose } from "./_lazy_deps.ts";
import { AccessTokenError } from "./access_token_error.ts";
import { type AccessTokenClaims, claimsOf } from "./_claims.ts";

export type { AccessTokenClaims } from "./_claims.ts";
export {
  AccessTokenError,
  type AccessTokenFailureReason,
} from "./access_token_error.ts";

/** Options of {@link AccessTokens}. */
export interface AccessTokensOptions {
  /**
   * The accepted issuers. Default: the client's API origin, and that
   * origin followed by `/user_management/<client id>`. Set it when tokens
   * are issued on a custom authentication domain.
   */
  issuer?: string | readonly string[];
  /** Clock skew allowed on `exp` and `nbf`, in seconds. Default 0. */
  clockToleranceInSeconds?: number;
  /** How long fetched keys are used before being fetched again. Default 600. */
  jwksMaxAgeInSeconds?: number;
  /** The shortest time between two fetches of the keys. Default 30. */
  jwksCooldownInSeconds?: number;
}

const DEFAULTS = { maxAge: 600, cooldown: 30 };

/**
 * Verifies AuthKit access tokens against the JWKS of the client's client
 * id, which it fetches through the client (its `fetcher`, retries and
 * timeouts) and caches.
 *
 * @example Build a verifier
 * ```ts
 * import { CoreClient } from "@workos/workos";
 * import { AccessTokens } from "@workos/workos/access-tokens";
 *
 * const tokens = new AccessTokens(new CoreClient({ clientId: "client_123" }), {
 *   clockToleranceInSeconds: 5,
 * });
 * console.log(tokens instanceof AccessTokens);
 * ```
 */
export class AccessTokens {
  #client: CoreClient;
  #options: AccessTokensOptions;
  #clockTolerance: number;
  #cache: JwksCache;
  #clientId: string | undefined;

  /**
   * Creates a verifier. Nothing is fetched until the first verification.
   *
   * @param client The client whose origin, client id and transport are
   * used.
   * @param options Issuers, clock tolerance and key caching.
   * @throws {RangeError} When a number option is negative or not finite.
   * @throws {TypeError} When `issuer` is not a string or list of strings.
   */
  constructor(client: CoreClient, options: AccessTokensOptions = {}) {
    const goal = "create the access token verifier";
    this.#clockTolerance = seconds(
      goal,
      "clockToleranceInSeconds",
      options.clockToleranceInSeconds,
      0,
    );
    const maxAge = seconds(
      goal,
      "jwksMaxAgeInSeconds",
      options.jwksMaxAgeInSeconds,
      DEFAULTS.maxAge,
    );
    const cooldown = seconds(
      goal,
      "jwksCooldownInSeconds",
      options.jwksCooldownInSeconds,
      DEFAULTS.cooldown,
    );
    const issuers = options.issuer === undefined
      ? []
      : typeof options.issuer === "string"
      ? [options.issuer]
      : options.issuer;
    if (
      !Array.isArray(issuers) ||
      !issuers.every((item) => typeof item === "string" && item !== "")
    ) {
      throw new TypeError(
        `Cannot ${goal} as 'issuer' must be a non-empty string or a list of them: received ${
          describe(options.issuer)
        }`,
      );
    }

    this.#client = client;
    this.#options = options;
    this.#cache = new JwksCache(() => this.#fetchJwks(), {
      maxAgeMs: maxAge * 1000,
      cooldownMs: cooldown * 1000,
    });
  }

  /**
   * Verifies an access token and returns its claims.
   *
   * @param accessToken The token, such as the bearer token of a request.
   * @returns The verified claims.
   * @throws {AccessTokenError} When the token is malformed, expired, not
   * yet valid, signed by an unknown key or badly, from another issuer, or
   * lacks the claims of an access token; `reason` says which.
   * @throws {TypeError} When the token is not a string or no client id is
   * set.
   * @throws {WorkOSError} When the key set cannot be fetched.
   */
  async verifyAccessToken(accessToken: string): Promise<AccessTokenClaims> {
    const goal = "verify the access token";
    if (typeof accessToken !== "string") {
      throw new TypeError(
        `Cannot ${goal} as it must be a string: received ${
          describe(accessToken)
        }`,
      );
    }
    const clientId = this.#requireClientId(goal);
    // jose reads the global crypto itself; see web_crypto.ts. Outside the
    // try, as a runtime without WebCrypto is no fault of the token.
    webCrypto();

    let payload: JWTPayload;
    try {
      const { jwtVerify } = await loadJose();
      ({ payload } = await jwtVerify(accessToken, this.#cache.getKey, {
        algorithms: ["RS256"],
        issuer: this.#issuers(clientId),
        clockTolerance: this.#clockTolerance,
        requiredClaims: ["exp", "sub", "sid"],
      }));
    } catch (error) {
      throw toAccessTokenError(goal, error);
    }
    return claimsOf(payload);
  }

  /** A secret-free summary for `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { clientId: this.#clientId ?? this.#client.clientId };
  }

  #issuers(clientId: string): string[] {
    const { issuer } = this.#options;
    if (issuer !== undefined) {
      return typeof issuer === "string" ? [issuer] : [...issuer];
    }
    const origin = this.#client.baseUrl;
    return [origin, `${origin}/user_management/${clientId}`];
  }

  #requireClientId(goal: string): string {
    // The key set belongs to one client id; keep the first one seen.
    this.#clientId ??= this.#client.clientId;
    if (this.#clientId === undefined) {
      throw new TypeError(
        `Cannot ${goal} as no client id is set: pass 'clientId' to the client or set the WORKOS_CLIENT_ID environment variable`,
      );
    }
    return this.#clientId;
  }

  #fetchJwks(): Promise<JSONWebKeySet> {
    const clientId = this.#requireClientId("fetch the JWKS");
    return this.#client.request({
      method: "GET",
      path: buildPath("/sso/jwks/{clientId}", { clientId }),
      auth: "none",
      parse: parseJwks,
    });
  }
}

function parseJwks(wire: unknown): JSONWebKeySet {
  const keys = (wire as { keys?: unknown } | null)?.keys;
  if (
    !Array.isArray(keys) || !keys.every((key) => key && typeof key === "object")
  ) {
    throw new TypeError(
      "Cannot read the JWKS as its body has no 'keys' list of objects",
    );
  }
  return { keys } as JSONWebKeySet;
}

/**
 * Turns a jose failure into an {@link AccessTokenError}; anything else (a
 * failed fetch, a bug) is returned as it is.
 */
function toAccessTokenError(goal: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const claim = (error as { claim?: unknown } | null)?.claim;
  const reason = reasonOf(code, claim);
  if (reason === undefined) return error;
  return new AccessTokenError(
    reason,
    `Cannot ${goal} as ${MESSAGES[reason]}${
      reason === "invalid_claims" && typeof claim === "string"
        ? `: the '${claim}' claim is missing or wrong`
        : ""
    }`,
    { cause: error },
  );
}

function reasonOf(
  code: unknown,
  claim: unknown,
): AccessTokenError["reason"] | undefined {
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (claim === "nbf") return "not_yet_valid";
      if (claim === "iss") return "invalid_issuer";
      return "invalid_claims";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "invalid_signature";
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return "unknown_key";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
    case "ERR_JOSE_NOT_SUPPORTED":
      return "unsupported_algorithm";
    case "ERR_JWT_INVALID":
    case "ERR_JWS_INVALID":
      return "malformed";
    default:
      return undefined;
  }
}

const MESSAGES: Record<AccessTokenError["reason"], string> = {
  malformed: "it is not a well-formed JWT",
  expired: "it has expired (exp): refresh the session",
  not_yet_valid: "it is not valid yet (nbf): check the server clock",
  invalid_signature: "its signature does not match the signing key",
  unknown_key:
    "its key id is not in the client's JWKS: it was signed for another client or environment",
  invalid_issuer:
    "its issuer (iss) is not an accepted one: set the 'issuer' option for a custom authentication domain",
  invalid_claims: "it lacks the claims of an AuthKit access token",
  unsupported_algorithm: "it is not signed with RS256",
};

function seconds(
  goal: string,
  name: string,
  value: unknown,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(
      `Cannot ${goal} as '${name}' must be a finite number of seconds of at least 0: received ${
        describe(value)
      }`,
    );
  }
  return value;
}
