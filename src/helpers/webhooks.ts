/**
 * Verifies webhooks from WorkOS and signs payloads for tests. Runs on Web
 * APIs alone (WebCrypto, TextEncoder), so it works in Deno, Node, Bun,
 * Workers and edge runtimes, with or without the API client.
 *
 * The signature covers the exact bytes WorkOS sent, so pass the raw body,
 * never a parsed and re-serialized object:
 *
 * ```ts ignore
 * // Deno, Bun, Cloudflare Workers, Hono, Next.js route handlers: a Request
 * const payload = await request.text();
 * const sigHeader = request.headers.get("WorkOS-Signature");
 *
 * // Hono
 * const payload = await c.req.text();
 *
 * // Express: mount the raw body parser on the webhook route only
 * app.post("/webhooks", express.raw({ type: "application/json" }), (req) => {
 *   const payload = req.body; // a Uint8Array (Buffer)
 *   const sigHeader = req.get("WorkOS-Signature");
 * });
 *
 * // Fastify: keep the body as bytes
 * app.addContentTypeParser(
 *   "application/json",
 *   { parseAs: "buffer" },
 *   (_req, body, done) => done(null, body),
 * );
 * ```
 *
 * @example Verify a webhook in a fetch handler
 * ```ts
 * import { Webhooks } from "@workos/workos/webhooks";
 *
 * const webhooks = new Webhooks();
 * const secret = "whsec_test_secret";
 * const body = JSON.stringify({
 *   id: "event_01",
 *   event: "user.created",
 *   data: { id: "user_01" },
 *   created_at: "2024-01-01T00:00:00.000Z",
 * });
 * const request = new Request("http://localhost/webhooks", {
 *   method: "POST",
 *   body,
 *   headers: {
 *     "WorkOS-Signature": await webhooks.createSignatureHeader({
 *       payload: body,
 *       secret,
 *     }),
 *   },
 * });
 *
 * const event = await webhooks.constructEvent({
 *   payload: await request.text(),
 *   sigHeader: request.headers.get("WorkOS-Signature"),
 *   secret,
 * });
 * console.log(event.event, event.createdAt);
 * ```
 *
 * @module
 */

import {
  checkOptions,
  parseJson,
  type RawPayload,
  signatureHeader,
  verifySignature,
} from "./_signature.ts";
import { toWebhookEvent, type WebhookEvent } from "./webhook_event.ts";

export type { RawPayload } from "./_signature.ts";
export {
  type SignatureFailureReason,
  SignatureVerificationError,
} from "./signature_error.ts";
export type { WebhookEvent } from "./webhook_event.ts";

/** Replay window of a webhook signature, in milliseconds. */
const DEFAULT_TOLERANCE_MS = 180_000;

/** What {@link Webhooks.constructEvent} checks. */
export interface ConstructEventOptions {
  /** The raw request body: a string, or its bytes. */
  payload: RawPayload;
  /** The value of the `WorkOS-Signature` header, if it was sent. */
  sigHeader: string | null | undefined;
  /** The endpoint's signing secret from the WorkOS dashboard. */
  secret: string;
  /**
   * How far the signature's timestamp may be from now, in milliseconds
   * (as in the official Node SDK). Default 180000 (3 minutes).
   */
  tolerance?: number;
}

/** What {@link Webhooks.createSignatureHeader} signs. */
export interface CreateSignatureHeaderOptions {
  /** The body to sign, exactly as it will be sent. */
  payload: RawPayload;
  /** The signing secret. */
  secret: string;
  /** The signature time in milliseconds since the epoch. Default now. */
  timestamp?: number;
}

/**
 * Verifies webhook deliveries and builds signature headers for tests.
 * Holds no state and no secret; one instance serves every endpoint.
 *
 * @example Sign a payload in a test, then verify it
 * ```ts
 * import { Webhooks } from "@workos/workos/webhooks";
 *
 * const webhooks = new Webhooks();
 * const payload = '{"id":"event_01","event":"user.created","data":{},"created_at":"2024-01-01T00:00:00.000Z"}';
 * const sigHeader = await webhooks.createSignatureHeader({
 *   payload,
 *   secret: "whsec_test",
 * });
 * const event = await webhooks.constructEvent({
 *   payload,
 *   sigHeader,
 *   secret: "whsec_test",
 * });
 * console.log(event.id); // "event_01"
 * ```
 */
export class Webhooks {
  /**
   * Verifies a delivery's signature and returns its event.
   *
   * @param options The raw body, the `WorkOS-Signature` header, the secret
   * and the tolerance.
   * @returns The event, with camelCase envelope fields.
   * @throws {SignatureVerificationError} When the header is missing or
   * malformed, its timestamp is outside the tolerance, or the signature
   * does not match; `reason` says which.
   * @throws {TypeError} When an argument has the wrong type, or the
   * verified body is not a JSON event.
   * @throws {RangeError} When `tolerance` is not above 0.
   */
  async constructEvent(options: ConstructEventOptions): Promise<WebhookEvent> {
    const body = await this.#verify(options);
    return toWebhookEvent(parseJson("read the webhook event", body));
  }

  /**
   * Verifies a delivery's signature without parsing the body.
   *
   * @param options The raw body, the `WorkOS-Signature` header, the secret
   * and the tolerance.
   * @returns Nothing; resolves when the signature is valid.
   * @throws {SignatureVerificationError} When a check fails; `reason` says
   * which.
   * @throws {TypeError} When an argument has the wrong type.
   * @throws {RangeError} When `tolerance` is not above 0.
   */
  async verifyHeader(options: ConstructEventOptions): Promise<void> {
    await this.#verify(options);
  }

  /**
   * Builds a valid `WorkOS-Signature` header for a payload, for an
   * application's own tests.
   *
   * @param options The payload, the secret and the signature time.
   * @returns The header value, `t=<milliseconds>,v1=<hex signature>`.
   * @throws {TypeError} When the payload or secret has the wrong type.
   * @throws {RangeError} When `timestamp` is not a whole number of
   * milliseconds.
   */
  async createSignatureHeader(
    options: CreateSignatureHeaderOptions,
  ): Promise<string> {
    checkOptions("sign the webhook payload", options);
    return await signatureHeader(
      "sign the webhook payload",
      options.payload,
      options.secret,
      options.timestamp ?? Date.now(),
    );
  }

  #verify(options: ConstructEventOptions): Promise<Uint8Array> {
    checkOptions("verify the webhook", options);
    return verifySignature("verify the webhook", {
      payload: options.payload,
      sigHeader: options.sigHeader,
      secret: options.secret,
      tolerance: options.tolerance ?? DEFAULT_TOLERANCE_MS,
    });
  }
}
