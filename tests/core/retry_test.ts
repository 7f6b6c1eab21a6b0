import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  backoffDelay,
  isRetryableStatus,
  sleep,
} from "../../src/core/retry.ts";
import { parseRetryAfter } from "../../src/core/errors.ts";

describe("isRetryableStatus()", () => {
  it("retries 408, 409, 429 and 5xx only", () => {
    const retried = [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 599]
      .filter(isRetryableStatus);
    assert.deepEqual(retried, [408, 409, 429, 500, 502, 503, 599]);
  });
});

describe("backoffDelay()", () => {
  it("doubles from the initial delay and stays within [0.75d, d]", () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const d = Math.min(8000, 500 * 2 ** attempt);
      assert.equal(backoffDelay(attempt, 500, 8000, 0), d);
      assert.equal(
        backoffDelay(attempt, 500, 8000, 0.999999) >= 0.75 * d,
        true,
      );
      assert.equal(backoffDelay(attempt, 500, 8000, 0.5), 0.875 * d);
    }
  });

  it("never exceeds the cap", () => {
    assert.equal(backoffDelay(30, 500, 8000, 0), 8000);
  });
});

describe("parseRetryAfter()", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("reads seconds", () => {
    assert.equal(parseRetryAfter("2", now), 2000);
    assert.equal(parseRetryAfter("0.5", now), 500);
  });

  it("reads an HTTP date relative to now", () => {
    assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now), 3000);
  });

  it("treats a past date as no wait", () => {
    assert.equal(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now), 0);
  });

  it("ignores absent and unreadable values", () => {
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter("soon", now), undefined);
    assert.equal(parseRetryAfter("-1", now), undefined);
  });
});

describe("sleep()", () => {
  it("rejects with the signal's reason when aborted during the wait", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    setTimeout(() => controller.abort(reason), 10);
    const started = Date.now();
    await assert.rejects(sleep(60_000, controller.signal), (e) => e === reason);
    assert.ok(Date.now() - started < 30_000);
  });
});
