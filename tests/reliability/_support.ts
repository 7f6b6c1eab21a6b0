/**
 * What the reliability tests share: a client on a fresh fake, and checks
 * on how a call settled.
 *
 * @module
 */

import { WorkOSClient } from "../../src/client.ts";
import type { ClientOptions } from "../../src/core/options.ts";
import { type FakeWorkOS, startFakeWorkOS } from "../../src/testing/mod.ts";

export { eventually } from "../support/fake_client.ts";
export { withProtoAccessor } from "../support/proto_accessor.ts";

/** Backoff short enough that retried scenarios stay quick. */
export const QUICK_BACKOFF = {
  initialDelayInSeconds: 0.01,
  maxDelayInSeconds: 0.05,
};

/**
 * Runs `fn` with a fresh fake and a `WorkOSClient` pointed at it, then
 * closes the fake.
 */
export async function withWorkOS(
  fn: (fake: FakeWorkOS, workos: WorkOSClient) => Promise<void>,
  options: ClientOptions = {},
): Promise<void> {
  const fake = await startFakeWorkOS();
  try {
    const workos = new WorkOSClient({
      authorizationToken: fake.apiKey,
      clientId: fake.clientId,
      baseUrl: fake.url,
      backoff: QUICK_BACKOFF,
      ...options,
    });
    await fn(fake, workos);
  } finally {
    await fake.close();
  }
}

/** How a call settled. */
export type Settled<T> =
  | { ok: true; value: T }
  | { ok: false; error: unknown };

/** Waits for a promise and says how it settled, without throwing. */
export function settle<T>(promise: PromiseLike<T>): Promise<Settled<T>> {
  return Promise.resolve(promise).then(
    (value) => ({ ok: true, value }),
    (error) => ({ ok: false, error }),
  );
}

/**
 * Waits for a promise, failing instead of hanging when it has not settled
 * within `ms`. The deadline is generous: it tells a hang from a slow run,
 * and says nothing about speed.
 */
export async function within<T>(
  ms: number,
  what: string,
  promise: PromiseLike<T>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not settle within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The gap between two recorded requests, in milliseconds. */
export function gapMs(
  requests: readonly { receivedAt: number }[],
  from: number,
): number {
  return requests[from + 1].receivedAt - requests[from].receivedAt;
}

/** The exact class name of a thrown value, for outcome tables. */
export function classOf(error: unknown): string {
  if (error === null || typeof error !== "object") return typeof error;
  return (error as object).constructor?.name ?? "Object";
}
