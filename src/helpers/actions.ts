/**
 * Verifies the requests WorkOS sends to an Action endpoint and signs the
 * verdict sent back. Uses the same `WorkOS-Signature` scheme as webhooks,
 * with a tighter default tolerance of 30 seconds, on Web APIs alone.
 *
 * @example Answer an Action request
 * ```ts
 * import { Actions } from "@workos/workos/actions";
 *
 * const actions = new Actions();
 * const secret = "action_secret_test";
 * const payload = JSON.stringify({
 *   object: "user_registration_action_context",
 *   id: "01JACTION",
 *   user_data: { object: "user_data", email: "ada@example.com" },
 *   ip_address: "203.0.113.7",
 * });
 * const sigHeader = await actions.createSignatureHeader({ payload, secret });
 *
 * const action = await actions.constructAction({ payload, sigHeader, secret });
 * const allowed = action.object === "user_registration_action_context" &&
 *   action.userData.email.endsWith("@example.com");
 * const response = await actions.signResponse(
 *   {
 *     type: "user_registration",
 *     verdict: allowed ? "Allow" : "Deny",
 *     errorMessage: allowed ? undefined : "Sign-ups are invite only",
 *   },
 *   secret,
 * );
 * console.log(Response.json(response).status);
 * ```
 *
 * @module
 */

import { describe } from "../core/options.ts";
import {
  checkOptions,
  checkSecret,
  computeSignature,
  parseJson,
  type RawPayload,
  signatureHeader,
  verifySignature,
} from "./_signature.ts";
import { type ActionContext, toActionContext } from "./action_context.ts";

export type { RawPayload } from "./_signature.ts";
export {
  type SignatureFailureReason,
  SignatureVerificationError,
} from "./signature_error.ts";
export type {
  ActionContext,
  ActionContextBase,
  ActionUser,
  ActionUserData,
  AuthenticationActionContext,
  UserRegistrationActionContext,
} from "./action_context.ts";

/** Replay window of an Action signature, in milliseconds. */
const DEFAULT_TOLERANCE_MS = 30_000;

/** What {@link Actions.constructAction} checks. */
export interface ConstructActionOptions {
  /** The raw request body: a string, or its bytes. */
  payload: RawPayload;
  /** The value of the `WorkOS-Signature` header, if it was sent. */
  sigHeader: string | null | undefined;
  /** The Action's signing secret from the WorkOS dashboard. */
  secret: string;
  /**
   * How far the signature's timestamp may be from now, in milliseconds.
   * Default 30000 (30 seconds).
   */
  tolerance?: number;
}

/** What {@link Actions.createSignatureHeader} signs. */
export interface CreateActionSignatureHeaderOptions {
  /** The body to sign, exactly as it will be sent. */
  payload: RawPayload;
  /** The signing secret. */
  secret: string;
  /** The signature time in milliseconds since the epoch. Default now. */
  timestamp?: number;
}

/** The kind of Action a response answers. */
export type ActionType = "authentication" | "user_registration";

/** Whether the Action lets the person through. */
export type ActionVerdict = "Allow" | "Deny";

/** The verdict to sign with {@link Actions.signResponse}. */
export interface ActionResponseInput {
  /** The kind of Action being answered. */
  type: ActionType;
  /** Whether to let the person through. */
  verdict: ActionVerdict;
  /** The message shown to the person on a `"Deny"`; not allowed on `"Allow"`. */
  errorMessage?: string;
}

/**
 * The signed answer to an Action request, in the wire form WorkOS reads:
 * send it as the JSON body of the response.
 */
export interface SignedActionResponse {
  /** Names the kind of response. */
  object:
    | "authentication_action_response"
    | "user_registration_action_response";
  /** The signed verdict. */
  payload: {
    /** When it was signed, in milliseconds since the epoch. */
    timestamp: number;
    /** The verdict. */
    verdict: ActionVerdict;
    /** The message shown to the person on a `"Deny"`. */
    error_message?: string;
  };
  /** The hex HMAC-SHA256 of `<timestamp>.<JSON of payload>`. */
  signature: string;
}

const RESPONSE_OBJECTS = {
  authentication: "authentication_action_response",
  user_registration: "user_registration_action_response",
} as const;

/**
 * Verifies Action requests and signs their responses. Holds no state and
 * no secret.
 *
 * @example Deny a sign-in
 * ```ts
 * import { Actions } from "@workos/workos/actions";
 *
 * const response = await new Actions().signResponse(
 *   { type: "authentication", verdict: "Deny", errorMessage: "Blocked" },
 *   "action_secret_test",
 * );
 * console.log(response.object); // "authentication_action_response"
 * ```
 */
export class Actions {
  /**
   * Verifies an Action request's signature and returns its context.
   *
   * @param options The raw body, the `WorkOS-Signature` header, the secret
   * and the tolerance.
   * @returns The Action context in camelCase, discriminated on `object`.
   * @throws {SignatureVerificationError} When the header is missing or
   * malformed, its timestamp is outside the tolerance, or the signature
   * does not match; `reason` says which.
   * @throws {TypeError} When an argument has the wrong type, or the
   * verified body is not a known Action context.
   * @throws {RangeError} When `tolerance` is not above 0.
   */
  async constructAction(
    options: ConstructActionOptions,
  ): Promise<ActionContext> {
    const body = await this.#verify(options);
    return toActionContext(parseJson("read the Action request", body));
  }

  /**
   * Verifies an Action request's signature without parsing the body.
   *
   * @param options The raw body, the `WorkOS-Signature` header, the secret
   * and the tolerance.
   * @returns Nothing; resolves when the signature is valid.
   * @throws {SignatureVerificationError} When a check fails.
   * @throws {TypeError} When an argument has the wrong type.
   * @throws {RangeError} When `tolerance` is not above 0.
   */
  async verifyHeader(options: ConstructActionOptions): Promise<void> {
    await this.#verify(options);
  }

  /**
   * Signs a verdict for the response to an Action request.
   *
   * @param response The kind of Action, the verdict and, on a `"Deny"`, the
   * message shown to the person.
   * @param secret The Action's signing secret.
   * @returns The body to send back, in wire form.
   * @throws {TypeError} When the type or verdict is unknown, a message is
   * given with `"Allow"`, or the secret is not a non-empty string.
   */
  async signResponse(
    response: ActionResponseInput,
    secret: string,
  ): Promise<SignedActionResponse> {
    const goal = "sign the Action response";
    checkOptions(goal, response);
    const key = checkSecret(goal, secret);
    if (!Object.hasOwn(RESPONSE_OBJECTS, response.type)) {
      throw new TypeError(
        `Cannot ${goal} as 'type' must be "authentication" or "user_registration": received ${
          describe(response.type)
        }`,
      );
    }
    if (response.verdict !== "Allow" && response.verdict !== "Deny") {
      throw new TypeError(
        `Cannot ${goal} as 'verdict' must be "Allow" or "Deny": received ${
          describe(response.verdict)
        }`,
      );
    }
    const message = response.errorMessage;
    if (message !== undefined && typeof message !== "string") {
      throw new TypeError(
        `Cannot ${goal} as 'errorMessage' must be a string: received ${
          describe(message)
        }`,
      );
    }
    if (message !== undefined && response.verdict === "Allow") {
      throw new TypeError(
        `Cannot ${goal} as 'errorMessage' contradicts the "Allow" verdict: give a message only with "Deny"`,
      );
    }

    // WorkOS checks the signature over this exact serialization, so the
    // key order (timestamp, verdict, error_message) is part of the format.
    const payload: SignedActionResponse["payload"] = {
      timestamp: Date.now(),
      verdict: response.verdict,
    };
    if (message !== undefined && message !== "") {
      payload.error_message = message;
    }
    const signature = await computeSignature(
      String(payload.timestamp),
      new TextEncoder().encode(JSON.stringify(payload)),
      key,
    );
    return { object: RESPONSE_OBJECTS[response.type], payload, signature };
  }

  /**
   * Builds a valid `WorkOS-Signature` header for an Action request body,
   * for an application's own tests.
   *
   * @param options The payload, the secret and the signature time.
   * @returns The header value, `t=<milliseconds>,v1=<hex signature>`.
   * @throws {TypeError} When the payload or secret has the wrong type.
   * @throws {RangeError} When `timestamp` is not a whole number of
   * milliseconds.
   */
  async createSignatureHeader(
    options: CreateActionSignatureHeaderOptions,
  ): Promise<string> {
    checkOptions("sign the Action request", options);
    return await signatureHeader(
      "sign the Action request",
      options.payload,
      options.secret,
      options.timestamp ?? Date.now(),
    );
  }

  #verify(options: ConstructActionOptions): Promise<Uint8Array> {
    checkOptions("verify the Action request", options);
    return verifySignature("verify the Action request", {
      payload: options.payload,
      sigHeader: options.sigHeader,
      secret: options.secret,
      tolerance: options.tolerance ?? DEFAULT_TOLERANCE_MS,
    });
  }
}
