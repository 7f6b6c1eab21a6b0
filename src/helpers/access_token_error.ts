/**
 * The error thrown when an access token fails verification.
 *
 * @module
 */

/** Which check of an access token failed. */
export type AccessTokenFailureReason =
  | "malformed"
  | "expired"
  | "not_yet_valid"
  | "invalid_signature"
  | "unknown_key"
  | "invalid_issuer"
  | "invalid_claims"
  | "unsupported_algorithm";

/**
 * An access token is not a valid AuthKit access token.
 * {@link AccessTokenError.reason} says which check failed; the message
 * never contains the token. A failure to fetch the JWKS is not this error:
 * it is the client's `WorkOSError`.
 *
 * @example Tell an expired token from a forged one
 * ```ts
 * import { AccessTokenError } from "@workos/workos/access-tokens";
 *
 * const error: unknown = new AccessTokenError("expired", "Token expired");
 * if (error instanceof AccessTokenError && error.reason === "expired") {
 *   console.log("refresh the session");
 * }
 * ```
 */
export class AccessTokenError extends Error {
  /** Which check failed. */
  readonly reason: AccessTokenFailureReason;

  /**
   * Builds the error; the helpers do this, applications rarely need to.
   *
   * @param reason Which check failed.
   * @param message What failed, without the token.
   * @param options The underlying failure, if any.
   */
  constructor(
    reason: AccessTokenFailureReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "AccessTokenError";
    this.reason = reason;
  }
}
