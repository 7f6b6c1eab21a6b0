/**
 * The event a verified webhook carries, and its mapping from the wire.
 *
 * @module
 */

import { fromWire } from "../core/mapping.ts";
import { describe } from "../core/options.ts";
import type { WorkOS } from "../types/mod.ts";
import { event as eventShape } from "../types/wire.ts";

/**
 * An event delivered to a webhook endpoint: the generated `WorkOS.Event`
 * union, discriminated on `event` (such as `"dsync.user.created"`), with
 * `data` mapped to camelCase like every other response.
 */
export type WebhookEvent = WorkOS.Event;

/**
 * Maps the verified JSON body of a webhook to a {@link WebhookEvent}.
 *
 * @param wire The decoded body.
 * @returns The event, mapped to camelCase by the generated descriptors.
 * @throws {TypeError} When the body is not an event.
 */
export function toWebhookEvent(wire: unknown): WebhookEvent {
  const record = wire as Record<string, unknown> | null;
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new TypeError(
      `Cannot read the webhook event as its body must be a JSON object: received ${
        describe(wire)
      }`,
    );
  }
  for (const name of ["id", "event", "created_at"]) {
    if (typeof record[name] !== "string") {
      throw new TypeError(
        `Cannot read the webhook event as '${name}' must be a string: received ${
          describe(record[name])
        }`,
      );
    }
  }
  if (!isRecord(record.data)) {
    throw new TypeError(
      `Cannot read the webhook event as 'data' must be an object: received ${
        describe(record.data)
      }`,
    );
  }

  return fromWire<WebhookEvent>(record, eventShape);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
