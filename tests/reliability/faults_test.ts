/**
 * Fault scenarios, end to end: the public client and its generated
 * methods against the local fake over real sockets. Each scenario states
 * its expected outcome in its name and checks it, including what the fake
 * saw (attempts, closed connections, stored objects). Figures go to the
 * tally for the summary.
 */

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  ConnectionError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UnauthorizedError,
  WorkOSError,
} from "../../src/core/errors.ts";
import { WorkOSClient } from "../../src/client.ts";
import { type FakeWorkOS, startFakeWorkOS } from "../../src/testing/mod.ts";
import type { FaultSpec } from "../../src/testing/faults.ts";
import {
  classOf,
  eventually,
  QUICK_BACKOFF,
  settle,
  within,
  withWorkOS,
} from "./_support.ts";
import { fateOf, Tally } from "./_tally.ts";

const tally = new Tally(import.meta.url);

/** A test that counts as one fault scenario in the summary. */
function scenario(name: string, run: () => Promise<void>): void {
  it(name, () => tally.scenario(name, () => within(60_000, name, run())));
}

const orgPath = (id: string) => `/organizations/${id}`;

describe("connection faults", () => {
  scenario(
    "connection refused: a ConnectionError after every attempt, with the cause kept",
    async () => {
      const fake = await startFakeWorkOS();
      const url = fake.url;
      await fake.close();
      const workos = new WorkOSClient({
        authorizationToken: "sk_test_refused",
        baseUrl: url,
        backoff: QUICK_BACKOFF,
      });
      await assert.rejects(
        workos.organizations.get("org_1"),
        (error: unknown) =>
          error instanceof ConnectionError &&
          !(error instanceof TimeoutError) &&
          error.statusCode === undefined &&
          error.cause !== undefined &&
          error.message.startsWith(
            "Connection failed GET /organizations/org_1",
          ) &&
          error.message.endsWith("(after 3 attempts)"),
      );
    },
  );

  scenario(
    "connection reset before headers, once: the retry answers",
    () =>
      withWorkOS(async (fake, workos) => {
        const [org] = fake.seedOrganizations(1);
        fake.injectFault({ path: orgPath(org.id), dropConnection: "before" });
        const got = await workos.organizations.get(org.id);
        assert.equal(got.id, org.id);
        assert.equal(fake.requests.length, 2);
      }),
  );

  scenario(
    "connection reset before headers on every attempt: a ConnectionError after 3 attempts",
    () =>
      withWorkOS(async (fake, workos) => {
        fake.injectFault({
          path: orgPath("org_1"),
          dropConnection: "before",
          times: Infinity,
        });
        await assert.rejects(
          workos.organizations.get("org_1"),
          (error: unknown) =>
            classOf(error) === "ConnectionError" &&
            (error as Error).message.endsWith("(after 3 attempts)"),
        );
        assert.equal(fake.requests.length, 3);
      }),
  );

  scenario(
    "connection reset in the middle of the body, once: the retry answers",
    () =>
      withWorkOS(async (fake, workos) => {
        const [org] = fake.seedOrganizations(1);
        fake.injectFault({ path: orgPath(org.id), truncateBody: true });
        const got = await workos.organizations.get(org.id);
        assert.equal(got.name, org.name);
        assert.equal(fake.requests.length, 2);
      }),
  );

  scenario(
    "connection reset in the middle of the body on every attempt: a ConnectionError, not a parse error",
    () =>
      withWorkOS(async (fake, workos) => {
        const [org] = fake.seedOrganizations(1);
        fake.injectFault({
          path: orgPath(org.id),
          truncateBody: true,
          times: Infinity,
        });
        await assert.rejects(
          workos.organizations.get(org.id),
          (error: unknown) => classOf(error) === "ConnectionError",
        );
        assert.equal(fake.requests.length, 3);
      }),
  );
});

describe("malformed answers", () => {
  scenario(
    "a complete 200 with truncated JSON: a WorkOSError saying it could not be parsed, not retried",
    () =>
      withWorkOS(async (fake, workos) => {
        const text = '{"object":"organization","id":"org_01","na';
        fake.injectFault({
          path: orgPath("org_01"),
          status: 200,
          body: text,
          times: Infinity,
        });
        await assert.rejects(
          workos.organizations.get("org_01"),
          (error: unknown) =>
            classOf(error) === "WorkOSError" &&
            (error as WorkOSError).statusCode === 200 &&
            (error as WorkOSError).body === text &&
            (error as Error).cause instanceof SyntaxError &&
            /could not be parsed/.test((error as Error).message),
        );
        assert.equal(fake.requests.length, 1);
      }),
  );

  scenario(
    "an HTML 502 from a proxy: retried, then an InternalServerError carrying the page",
    () =>
      withWorkOS(async (fake, workos) => {
        const page =
          "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        fake.injectFault({
          path: "/organizations",
          status: 502,
          body: page,
          times: 3,
        });
        await assert.rejects(
          workos.organizations.create({ name: "Behind a proxy" }),
          (error: unknown) =>
            classOf(error) === "InternalServerError" &&
            (error as WorkOSError).statusCode === 502 &&
            (error as WorkOSError).body === page &&
            (error as Error).message.includes("502 Bad Gateway"),
        );
        assert.equal(fake.requests.length, 3);
        // A 502 status answer skips the request: nothing was stored.
        assert.equal(fake.countObjects("organizations"), 0);
      }),
  );

  scenario(
    "an empty 200 where JSON was due: a WorkOSError saying the answer was empty",
    () =>
      withWorkOS(async (fake, workos) => {
        fake.injectFault({ path: orgPath("org_01"), status: 200, body: "" });
        await assert.rejects(
          workos.organizations.get("org_01"),
          (error: unknown) =>
            classOf(error) === "WorkOSError" &&
            (error as WorkOSError).statusCode === 200 &&
            /expected a JSON body but the answer was empty/.test(
              (error as Error).message,
            ),
        );
        assert.equal(fake.requests.length, 1);
      }),
  );
});

describe("rate limits and Retry-After", () => {
  scenario(
    "a 503 with Retry-After in seconds: the retry waits that long, then succeeds",
    () =>
      withWorkOS(async (fake, workos) => {
        const [org] = fake.seedOrganizations(1);
        fake.injectFault({
          path: orgPath(org.id),
          status: 503,
          headers: { "retry-after": "1" },
        });
        const got = await workos.organizations.get(org.id);
        assert.equal(got.id, org.id);
        const [first, second] = fake.requests;
        // A lower bound only: the client may wait longer, never shorter.
        assert.ok(
          second.receivedAt - first.receivedAt >= 950,
          `waited ${second.receivedAt - first.receivedAt} ms`,
        );
      }),
  );

  scenario(
    "a 429 with Retry-After as an HTTP date: the retry comes no earlier than that date",
    () =>
      withWorkOS(async (fake, workos) => {
        const [org] = fake.seedOrganizations(1);
        const date = new Date(Date.now() + 2000).toUTCString();
        fake.injectFault({
          path: orgPath(org.id),
          status: 429,
          headers: { "retry-after": date },
        });
        const got = await workos.organizations.get(org.id);
        assert.equal(got.id, org.id);
        const retry = fake.requests[1];
        assert.ok(
          retry.receivedAt >= Date.parse(date) - 20,
          `retried ${Date.parse(date) - retry.receivedAt} ms before the date`,
        );
      }),
  );

  scenario(
    "a storm of 429s that outlasts the retries: a RateLimitError after maxRetries + 1 attempts, then the client still works",
    () =>
      withWorkOS(async (fake, workos) => {
        const [org] = fake.seedOrganizations(1);
        fake.injectFault({
          path: orgPath(org.id),
          status: 429,
          headers: { "retry-after": "0.02" },
          times: Infinity,
        });
        await assert.rejects(
          workos.organizations.get(org.id, { maxRetries: 4 }),
          (error: unknown) =>
            classOf(error) === "RateLimitError" &&
            (error as RateLimitError).retryAfter === 0.02 &&
            (error as Error).message.endsWith("(after 5 attempts)"),
        );
        assert.equal(fake.requests.length, 5);
        fake.clearFaults();
        assert.equal((await workos.organizations.get(org.id)).id, org.id);
      }),
  );

  scenario(
    "a Retry-After larger than the cap: the error at once, with no sleep and no retry",
    () =>
      withWorkOS(async (fake, workos) => {
        fake.injectFault({
          path: orgPath("org_1"),
          status: 429,
          headers: { "retry-after": "3600" },
        });
        await assert.rejects(
          within(
            5000,
            "a capped Retry-After",
            workos.organizations.get("org_1"),
          ),
          (error: unknown) =>
            error instanceof RateLimitError && error.retryAfter === 3600,
        );
        const inAnHour = new Date(Date.now() + 3_600_000).toUTCString();
        fake.injectFault({
          path: orgPath("org_2"),
          status: 503,
          headers: { "retry-after": inAnHour },
        });
        await assert.rejects(
          within(
            5000,
            "a capped Retry-After date",
            workos.organizations.get("org_2"),
          ),
          InternalServerError,
        );
        assert.equal(fake.requests.length, 2);
      }),
  );
});

describe("timeouts", () => {
  scenario(
    "headers that never come: a TimeoutError per attempt, each connection closed",
    () =>
      withWorkOS(async (fake, workos) => {
        fake.injectFault({
          path: orgPath("org_1"),
          delayMs: 60_000,
          times: Infinity,
        });
        await assert.rejects(
          workos.organizations.get("org_1", {
            timeoutInSeconds: 0.3,
            maxRetries: 1,
          }),
          (error: unknown) =>
            error instanceof TimeoutError &&
            error.message.includes("waiting for headers") &&
            error.message.endsWith("(after 2 attempts)"),
        );
        assert.equal(fake.requests.length, 2);
        await eventually(() => fake.requests.every((r) => r.closedEarly));
      }),
  );

  scenario(
    "a body that stalls half way: a TimeoutError while reading, the connection closed",
    () =>
      withWorkOS(async (fake, workos) => {
        const [org] = fake.seedOrganizations(1);
        fake.injectFault({
          path: orgPath(org.id),
          stallBodyMs: 60_000,
          times: Infinity,
        });
        await assert.rejects(
          workos.organizations.get(org.id, {
            timeoutInSeconds: 0.3,
            maxRetries: 0,
          }),
          (error: unknown) =>
            error instanceof TimeoutError &&
            error.message.includes("reading the body"),
        );
        await eventually(() => fake.requests[0].closedEarly);
      }),
  );

  scenario(
    "headers late once: the attempt times out, the retry answers",
    () =>
      withWorkOS(async (fake, workos) => {
        const [org] = fake.seedOrganizations(1);
        fake.injectFault({ path: orgPath(org.id), delayMs: 60_000 });
        const got = await workos.organizations.get(org.id, {
          timeoutInSeconds: 1,
        });
        assert.equal(got.id, org.id);
        assert.equal(fake.requests.length, 2);
        await eventually(() => fake.requests[0].closedEarly);
      }),
  );
});

describe("aborts", () => {
  scenario(
    "an abort during a request: rejects with the signal's reason, closes the connection, never retries",
    () =>
      withWorkOS(async (fake, workos) => {
        fake.injectFault({ path: orgPath("org_1"), delayMs: 60_000 });
        const controller = new AbortController();
        const reason = new Error("the user left");
        const call = workos.organizations.get("org_1", {
          abortSignal: controller.signal,
        });
        await eventually(() => fake.requests.length === 1);
        controller.abort(reason);
        await assert.rejects(call, (error: unknown) => error === reason);
        await eventually(() => fake.requests[0].closedEarly);
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(fake.requests.length, 1);
      }),
  );

  scenario(
    "an abort during a backoff sleep: rejects at once, no further attempt",
    () =>
      withWorkOS(async (fake, workos) => {
        fake.injectFault({
          path: "/organizations",
          status: 503,
          times: Infinity,
        });
        const controller = new AbortController();
        const call = workos.organizations.create({ name: "Never" }, {
          abortSignal: controller.signal,
        });
        await eventually(() => fake.requests.length === 1);
        await new Promise((resolve) => setTimeout(resolve, 50));
        controller.abort();
        await assert.rejects(
          within(5000, "an abort during backoff", call),
          (error: unknown) =>
            error instanceof DOMException && error.name === "AbortError",
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(fake.requests.length, 1);
        assert.equal(fake.countObjects("organizations"), 0);
      }, { backoff: { initialDelayInSeconds: 30, maxDelayInSeconds: 30 } }),
  );
});

describe("pagination under faults", () => {
  const pageThreeFaults: [string, Omit<FaultSpec, "path">][] = [
    ["a 503", { status: 503 }],
    ["a 429 with Retry-After: 0", {
      status: 429,
      headers: { "retry-after": "0" },
    }],
    ["a reset before headers", { dropConnection: "before" }],
    ["a reset in the middle of the body", { truncateBody: true }],
  ];
  for (const [label, fault] of pageThreeFaults) {
    scenario(
      `pagination where page three fails once with ${label}: the walk resumes and yields every item exactly once`,
      () =>
        withWorkOS(async (fake, workos) => {
          const seeded = fake.seedOrganizations(45).map((org) => org.id);
          const ids: string[] = [];
          for await (const org of workos.organizations.list({ limit: 10 })) {
            ids.push(org.id);
            // Page two is used up: page three is fetched next.
            if (ids.length === 20) {
              fake.injectFault({ path: "/organizations", ...fault });
            }
          }
          const fate = fateOf(seeded, ids);
          tally.objects(fate.checked, fate.lost, fate.duplicated);
          assert.equal(ids.length, 45);
          assert.deepEqual(fate, { checked: 45, lost: 0, duplicated: 0 });
          // Five pages, page three twice, with the same cursor.
          const cursors = fake.requests.map((r) => r.query.after);
          assert.equal(cursors.length, 6);
          assert.equal(cursors[2], ids[19]);
          assert.equal(cursors[3], ids[19]);
        }),
    );
  }
});

describe("exactly-once creates", () => {
  const lostAnswers: [string, Omit<FaultSpec, "path">, number?][] = [
    ["the connection drops after the commit", { dropConnection: "after" }],
    ["the answer is cut in the middle of its body", { truncateBody: true }],
    ["the answer comes after the attempt timed out", { delayMs: 3000 }, 0.5],
  ];
  for (const [label, fault, timeoutInSeconds] of lostAnswers) {
    scenario(
      `a create retried after ${label}: with the idempotency key, exactly one object exists`,
      () =>
        withWorkOS(async (fake, workos) => {
          fake.injectFault({
            method: "POST",
            path: "/organizations",
            ...fault,
          });
          const key = crypto.randomUUID();
          const org = await workos.organizations.create(
            { name: "Exactly Once" },
            { idempotencyKey: key, timeoutInSeconds },
          );
          const stored = await workos.organizations.list().toArray();
          const fate = fateOf([org.id], stored.map((o) => o.id));
          tally.objects(fate.checked, fate.lost, fate.duplicated);
          assert.equal(fake.countObjects("organizations"), 1);
          assert.equal(stored[0].name, "Exactly Once");
          const posts = fake.requests.filter((r) => r.method === "POST");
          assert.equal(posts.length, 2);
          assert.ok(posts.every((r) => r.headers["idempotency-key"] === key));
        }),
    );
  }

  scenario(
    "a user create retried after the answer was lost, with the generated key: exactly one user exists",
    () =>
      withWorkOS(async (fake, workos) => {
        fake.injectFault({
          method: "POST",
          path: "/user_management/users",
          dropConnection: "after",
        });
        const user = await workos.userManagement.users.create({
          email: "once@example.com",
        });
        const stored = await workos.userManagement.users.list().toArray();
        const fate = fateOf([user.id], stored.map((u) => u.id));
        tally.objects(fate.checked, fate.lost, fate.duplicated);
        assert.equal(fake.countObjects("users"), 1);
        const keys = fake.requests
          .filter((r) => r.method === "POST")
          .map((r) => r.headers["idempotency-key"]);
        assert.equal(keys.length, 2);
        assert.equal(new Set(keys).size, 1);
      }),
  );
});

// ---------------------------------------------------------------------------
// 500 concurrent calls, one in ten faulted.
// ---------------------------------------------------------------------------

interface FaultKind {
  fault: Omit<FaultSpec, "path">;
  /** The exact class of the rejection, or "ok". */
  expect: string;
  timeoutInSeconds?: number;
}

// Each faulted get or update has its own path, so its outcome is known.
const FAULT_KINDS: FaultKind[] = [
  { fault: { status: 503 }, expect: "ok" },
  { fault: { status: 503, times: 3 }, expect: "InternalServerError" },
  { fault: { status: 404 }, expect: "NotFoundError" },
  { fault: { status: 429, headers: { "retry-after": "0" } }, expect: "ok" },
  {
    fault: { status: 429, headers: { "retry-after": "0" }, times: 3 },
    expect: "RateLimitError",
  },
  { fault: { dropConnection: "before" }, expect: "ok" },
  { fault: { dropConnection: "before", times: 3 }, expect: "ConnectionError" },
  { fault: { truncateBody: true }, expect: "ok" },
  {
    fault: { status: 502, body: "<html>Bad Gateway</html>", times: 3 },
    expect: "InternalServerError",
  },
  {
    fault: { delayMs: 60_000, times: 3 },
    expect: "TimeoutError",
    timeoutInSeconds: 0.5,
  },
  { fault: { status: 401 }, expect: "UnauthorizedError" },
  { fault: { status: 200, body: "" }, expect: "WorkOSError" },
  { fault: { dropConnection: "after" }, expect: "ok" },
];

const EXPECTED_CLASSES = new Map<string, typeof WorkOSError>([
  ["InternalServerError", InternalServerError],
  ["NotFoundError", NotFoundError],
  ["RateLimitError", RateLimitError],
  ["ConnectionError", ConnectionError],
  ["TimeoutError", TimeoutError],
  ["UnauthorizedError", UnauthorizedError],
  ["WorkOSError", WorkOSError],
]);

interface RunResult {
  settled: number;
  mismatches: string[];
  fate: { checked: number; lost: number; duplicated: number };
  faulted: number;
}

async function concurrentRun(
  run: number,
  fake: FakeWorkOS,
): Promise<RunResult> {
  const workos = new WorkOSClient({
    authorizationToken: fake.apiKey,
    baseUrl: fake.url,
    backoff: QUICK_BACKOFF,
    // Generous, so that load alone never times a call out.
    timeoutInSeconds: 30,
  });
  const ids = fake.seedOrganizations(400).map((org) => org.id);
  const calls: { label: string; expect: string; promise: Promise<unknown> }[] =
    [];
  let faulted = 0;

  const kindFor = (i: number): FaultKind | undefined => {
    if (i % 10 !== 0) return undefined;
    faulted++;
    return FAULT_KINDS[(i / 10) % FAULT_KINDS.length];
  };
  for (let i = 0; i < 400; i++) {
    const kind = kindFor(i);
    if (kind) fake.injectFault({ path: orgPath(ids[i]), ...kind.fault });
    const options = { timeoutInSeconds: kind?.timeoutInSeconds };
    const expect = kind?.expect ?? "ok";
    if (i < 250) {
      calls.push({
        label: `get #${i}`,
        expect,
        promise: workos.organizations.get(ids[i], options).then((org) => {
          assert.equal(org.id, ids[i]);
        }),
      });
    } else {
      calls.push({
        label: `update #${i}`,
        expect,
        promise: workos.organizations.update(ids[i], {
          name: `Renamed ${i}`,
        }, options).then((org) => {
          assert.equal(org.name, `Renamed ${i}`);
        }),
      });
    }
  }
  // Creates share one path, so their faults hit whichever create comes
  // first; enough retries that every create outlasts all ten of them.
  const createKinds = FAULT_KINDS.filter((kind) =>
    kind.expect === "ok" && kind.fault.times === undefined
  );
  for (let k = 0; k < 10; k++) {
    faulted++;
    fake.injectFault({
      method: "POST",
      path: "/organizations",
      ...createKinds[k % createKinds.length].fault,
    });
  }
  const names: string[] = [];
  for (let i = 400; i < 500; i++) {
    const name = `Concurrent ${run}.${i}`;
    names.push(name);
    calls.push({
      label: `create #${i}`,
      expect: "ok",
      promise: workos.organizations.create({ name }, { maxRetries: 12 }),
    });
  }

  const outcomes = await within(
    120_000,
    "500 concurrent calls",
    Promise.all(calls.map((call) => settle(call.promise))),
  );
  const mismatches: string[] = [];
  outcomes.forEach((outcome, i) => {
    const { label, expect } = calls[i];
    if (outcome.ok) {
      if (expect !== "ok") mismatches.push(`${label}: resolved, ${expect} due`);
      return;
    }
    const error = outcome.error;
    // The exact class, not a base class: callers branch on it.
    const Expected = EXPECTED_CLASSES.get(expect);
    if (
      Expected === undefined ||
      (error as object | null)?.constructor !== Expected
    ) {
      mismatches.push(
        `${label}: ${classOf(error)} (${
          (error as Error)?.message
        }), ${expect} due`,
      );
    }
  });

  fake.clearFaults();
  const stored = await workos.organizations.list({ limit: 100 }).toArray();
  const createdNames = stored.map((org) => org.name).filter((name) =>
    name.startsWith("Concurrent ")
  );
  const fate = fateOf(names, createdNames);
  // An update that resolved must have stuck.
  const renamed = new Set(stored.map((org) => org.name));
  for (let i = 250; i < 400; i++) {
    if (calls[i].expect === "ok") {
      fate.checked++;
      if (!renamed.has(`Renamed ${i}`)) fate.lost++;
    }
  }
  return { settled: outcomes.length, mismatches, fate, faulted };
}

describe("load", () => {
  scenario(
    "500 concurrent calls with one in ten faulted: each settles with the right outcome, nothing hangs, no unhandled rejection, nothing lost or doubled, the heap returns",
    async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (event: PromiseRejectionEvent) => {
        event.preventDefault();
        unhandled.push(event.reason);
      };
      globalThis.addEventListener("unhandledrejection", onUnhandled);
      const gc = (globalThis as { gc?: () => void }).gc;
      const heapNow = async () => {
        // Let closed sockets and settled timers be released first.
        for (let i = 0; i < 5; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        gc?.();
        return Deno.memoryUsage().heapUsed;
      };

      try {
        const before = await heapNow();
        const heaps: number[] = [];
        for (let run = 1; run <= 3; run++) {
          const fake = await startFakeWorkOS();
          try {
            const result = await concurrentRun(run, fake);
            tally.objects(
              result.fate.checked,
              result.fate.lost,
              result.fate.duplicated,
            );
            assert.equal(result.settled, 500);
            assert.equal(result.faulted, 50);
            assert.deepEqual(result.mismatches, []);
            assert.equal(result.fate.lost, 0);
            assert.equal(result.fate.duplicated, 0);
          } finally {
            await fake.close();
          }
          heaps.push(await heapNow());
        }
        assert.deepEqual(unhandled, []);

        // The first run warms up code and caches; what matters is that
        // later runs do not keep growing.
        const [first, , last] = heaps;
        const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
        tally.note(
          `500 concurrent calls (50 faulted), 3 runs: heap ${
            mb(before)
          } MB before, ${heaps.map(mb).join(" → ")} MB after each run${
            gc ? " (forced GC)" : " (no forced GC available)"
          }`,
        );
        // With a forced GC the figures are stable to a fraction of a MB,
        // so 4 MB over 1000 calls catches a leak of a few KB per call.
        const bound = gc ? first + 4 * 2 ** 20 : first * 1.5 + 8 * 2 ** 20;
        assert.ok(
          last <= bound,
          `heap grew from ${mb(first)} MB to ${mb(last)} MB`,
        );
      } finally {
        globalThis.removeEventListener("unhandledrejection", onUnhandled);
      }
    },
  );
});
