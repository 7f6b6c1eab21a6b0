/**
 * The typed claims of an AuthKit access token.
 *
 * @module
 */

import type { JWTPayload } from "jose";

/** The claims of a verified AuthKit access token, in camelCase. */
export interface AccessTokenClaims {
  /** The user (`sub`). */
  userId: string;
  /** The session (`sid`); pass it to the logout URL. */
  sessionId: string;
  /** The organization the session is scoped to (`org_id`), if any. */
  organizationId?: string;
  /** The user's role in that organization. */
  role?: string;
  /** Every role of the user in that organization. */
  roles?: string[];
  /** The permissions the roles grant. */
  permissions?: string[];
  /** The organization's entitlements. */
  entitlements?: string[];
  /** The feature flags enabled for the user (`feature_flags`). */
  featureFlags?: string[];
  /** The WorkOS dashboard user impersonating this user (`act.sub`), if any. */
  impersonator?: { email: string };
  /** The issuer (`iss`). */
  issuer: string;
  /** When the token expires, in seconds since the epoch (`exp`). */
  expiresAt: number;
  /** When the token was issued, in seconds since the epoch (`iat`). */
  issuedAt?: number;
  /** The token's id (`jti`). */
  tokenId?: string;
  /** Every claim as signed, including custom claims of a JWT template. */
  payload: Record<string, unknown>;
}

/**
 * Lifts the claims of a decoded access token into camelCase fields.
 *
 * @param payload The token's payload; `sub`, `sid`, `iss` and `exp` are
 * expected to be checked already.
 * @returns The claims.
 */
export function claimsOf(payload: JWTPayload): AccessTokenClaims {
  const claims: AccessTokenClaims = {
    userId: payload.sub as string,
    sessionId: payload.sid as string,
    issuer: payload.iss as string,
    expiresAt: payload.exp as number,
    payload,
  };
  if (typeof payload.org_id === "string") {
    claims.organizationId = payload.org_id;
  }
  if (typeof payload.role === "string") claims.role = payload.role;
  const lists = {
    roles: payload.roles,
    permissions: payload.permissions,
    entitlements: payload.entitlements,
    featureFlags: payload.feature_flags,
  };
  for (const [name, value] of Object.entries(lists)) {
    if (
      Array.isArray(value) && value.every((item) => typeof item === "string")
    ) {
      claims[name as "roles"] = value;
    }
  }
  const actor = (payload.act as { sub?: unknown } | undefined)?.sub;
  if (typeof actor === "string") claims.impersonator = { email: actor };
  if (typeof payload.iat === "number") claims.issuedAt = payload.iat;
  if (typeof payload.jti === "string") claims.tokenId = payload.jti;
  return claims;
}
