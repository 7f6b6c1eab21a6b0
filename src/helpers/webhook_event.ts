/**
 * The event a verified webhook carries, and its mapping from the wire.
 *
 * @module
 */

import { describe } from "../core/options.ts";

/**
 * An event delivered to a webhook endpoint. `event` names its type, such
 * as `"dsync.user.created"`; `data` holds the object the event is about.
 */
export interface WebhookEvent {
  /** The event's id (`event_...`). */
  id: string;
  /** The event type, such as `"user.created"`. */
  event: string;
  /** The object the event is about, as WorkOS sent it. */
  data: Record<string, unknown>;
  /** When the event happened, as an ISO 8601 timestamp. */
  createdAt: string;
  /** Extra context WorkOS attached to the event, if any. */
  context?: Record<string, unknown>;
}

/**
 * Maps the verified JSON body of a webhook to a {@link WebhookEvent}.
 *
 * @param wire The decoded body.
 * @returns The event with camelCase envelope fields.
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

  // Limitation: `data` is returned as WorkOS sent it (snake_case keys);
  // the per-event camelCase mapping and the discriminated union on `event`
  // come from the spec's event schemas, which this module does not have.
  const event: WebhookEvent = {
    id: record.id as string,
    event: record.event as string,
    data: record.data,
    createdAt: record.created_at as string,
  };
  if (isRecord(record.context)) event.context = record.context;
  return event;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
