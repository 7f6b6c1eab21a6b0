/**
 * The error thrown when a sealed session cookie cannot be opened.
 *
 * @module
 */

/** Why a session cookie could not be opened. */
export type SessionCookieFailureReason =
  | "malformed"
  | "tampered"
  | "expired"
  | "incomplete";

/**
 * A sealed session cookie could not be opened: it is not a sealed value
 * (`malformed`), it was altered or sealed with another password
 * (`tampered`), its seal expired (`expired`), or it opened but lacks the
 * session's tokens (`incomplete`). The message never contains the cookie
 * or the password.
 *
 * @example Treat a bad cookie as signed out
 * ```ts
 * import { SessionCookieError } from "@workos/workos/sessions";
 *
 * const error: unknown = new SessionCookieError("tampered", "Bad cookie");
 * if (error instanceof SessionCookieError) console.log(error.reason);
 * ```
 */
export class SessionCookieError extends Error {
  /** Why the cookie could not be opened. */
  readonly reason: SessionCookieFailureReason;

  /**
   * Builds the error; the helpers do this, applications rarely need to.
   *
   * @param reason Why the cookie could not be opened.
   * @param message What failed, without the cookie or password.
   * @param options The underlying failure, if any.
   */
  constructor(
    reason: SessionCookieFailureReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "SessionCookieError";
    this.reason = reason;
  }
}
