/**
 * The error thrown when a signed webhook or Action request fails
 * verification.
 *
 * @module
 */

/** Which check of a `WorkOS-Signature` header failed. */
export type SignatureFailureReason =
  | "missing_header"
  | "malformed_header"
  | "stale_timestamp"
  | "signature_mismatch";

/**
 * A `WorkOS-Signature` header did not prove that WorkOS sent the payload.
 * {@link SignatureVerificationError.reason} says which check failed; the
 * message never contains the secret.
 *
 * @example Branch on the failed check
 * ```ts
 * import { SignatureVerificationError, Webhooks } from "@workos/workos/webhooks";
 *
 * try {
 *   await new Webhooks().constructEvent({
 *     payload: "{}",
 *     sigHeader: null,
 *     secret: "whsec_test",
 *   });
 * } catch (error) {
 *   if (error instanceof SignatureVerificationError) {
 *     console.log(error.reason); // "missing_header"
 *   }
 * }
 * ```
 */
export class SignatureVerificationError extends Error {
  /** Which check failed. */
  readonly reason: SignatureFailureReason;

  /**
   * Builds the error; the helpers do this, applications rarely need to.
   *
   * @param reason Which check failed.
   * @param message What failed, without any secret.
   * @param options The underlying failure, if any.
   */
  constructor(
    reason: SignatureFailureReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "SignatureVerificationError";
    this.reason = reason;
  }
}
