/**
 * The retry policy: which answers are retried and how long to wait.
 *
 * @module
 */

/**
 * Whether an answer with this status is worth another attempt: request
 * timeouts, conflicts from concurrent writes, rate limits and server
 * failures. Other 4xx answers would fail the same way again.
 *
 * @param status The HTTP status.
 * @returns `true` for 408, 409, 429 and 5xx.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The wait before retry number `attempt + 1`: exponential from `initialMs`,
 * capped at `maxMs`, less up to a quarter at random so that clients that
 * failed together do not retry together.
 *
 * @param attempt The number of attempts made so far, less one (0 first).
 * @param initialMs The wait before the first retry.
 * @param maxMs The longest wait.
 * @param random A number in [0, 1); `Math.random()` by default.
 * @returns The wait in milliseconds, in `[0.75 * d, d]` for
 * `d = min(maxMs, initialMs * 2 ** attempt)`.
 */
export function backoffDelay(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: number = Math.random(),
): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** attempt);
  return ceiling * (1 - 0.25 * random);
}

/**
 * Waits, unless the signal aborts first, in which case it rejects with the
 * signal's reason at once.
 *
 * @param ms The wait in milliseconds.
 * @param signal Ends the wait early.
 * @returns A promise settled after the wait.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
