/**
 * Bad input, for every generated method: missing and mistyped arguments,
 * hostile ids and invalid options. The methods are found by walking the
 * client's resource tree, and what each argument is comes from the
 * generator's model of the spec, so the lists grow with the spec.
 */

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { WorkOSClient } from "../../src/client.ts";
import { CoreClient } from "../../src/core/core_client.ts";
import type { FieldKind } from "../../src/core/params.ts";
import type { Operation } from "../../scripts/generator/model.ts";
import { startFakeWorkOS } from "../../src/testing/mod.ts";
import {
  type BoundMethod,
  layoutOf,
  loadOperations,
  SAMPLE_CLIENT,
  sampleArgs,
  walkMethods,
} from "./_operations.ts";
import { settle } from "./_support.ts";
import { Tally } from "./_tally.ts";

const tally = new Tally(import.meta.url);
const { spec, operations } = await loadOperations();

/** A client whose fetcher only counts what would have been sent. */
function countingClient() {
  const sent: string[] = [];
  const workos = new WorkOSClient({
    authorizationToken: SAMPLE_CLIENT.apiKey,
    clientId: SAMPLE_CLIENT.clientId,
    baseUrl: "http://127.0.0.1:9",
    maxRetries: 0,
    fetcher: (input, init) => {
      sent.push(`${init?.method ?? "GET"} ${String(input)}`);
      return Promise.resolve(
        new Response('{"data":[],"list_metadata":{}}', {
          status: 200,
          headers: { "content-type": "application/json" },
        }),
      );
    },
  });
  return { workos, sent, methods: walkMethods(workos) };
}

/** Calls a method; a thrown error and a rejection count alike. */
async function outcomeOf(
  invoke: () => unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  try {
    const result = invoke();
    if (result !== null && typeof result === "object" && "then" in result) {
      return await settle(result as PromiseLike<unknown>);
    }
    return { ok: true, value: result };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Why an outcome is not a clear refusal naming `name`, if it is not. */
function notRefused(
  outcome: Awaited<ReturnType<typeof outcomeOf>>,
  sentBefore: number,
  sentAfter: number,
  name: string,
  classes: ReadonlyArray<typeof Error>,
): string | undefined {
  if (sentAfter !== sentBefore) return "a request was sent";
  if (outcome.ok) return "it did not fail";
  const error = outcome.error;
  if (!classes.some((ErrorClass) => error?.constructor === ErrorClass)) {
    return `it failed with ${(error as Error)?.name}: ${
      (error as Error)?.message
    }`;
  }
  if (!(error as Error).message.includes(`'${name}'`)) {
    return `the message does not name '${name}': ${(error as Error).message}`;
  }
  return undefined;
}

const MISTYPED_STRINGS: [unknown, string][] = [
  [undefined, "missing"],
  [null, "null"],
  ["", "an empty string"],
  [42, "a number"],
  [true, "a boolean"],
  [{ id: "org_1" }, "an object"],
  [["org_1"], "an array"],
];

const MISTYPED_PARAMS: [unknown, string][] = [
  [null, "null"],
  ["Foo Corp", "a string"],
  [42, "a number"],
  [[{ name: "Foo Corp" }], "an array"],
];

/**
 * Values that are not of each kind a required field can have. A field of
 * several kinds is only checked for presence, so it has none.
 */
const WRONG_KIND: Record<FieldKind, [unknown, string][]> = {
  string: [
    [42, "a number"],
    [true, "a boolean"],
    [["Foo Corp"], "an array"],
    [{ value: "Foo Corp" }, "an object"],
  ],
  number: [
    ["42", "a numeric string"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [true, "a boolean"],
  ],
  integer: [
    [1.5, "a fraction"],
    ["7", "a numeric string"],
    [NaN, "NaN"],
    [true, "a boolean"],
  ],
  boolean: [
    ["true", "a string"],
    [1, "a number"],
    [[true], "an array"],
  ],
  array: [
    ["user.created", "a string"],
    [{ 0: "user.created", length: 1 }, "an array-like object"],
    [42, "a number"],
  ],
  object: [
    ["{}", "a string"],
    [[{ key: "value" }], "an array"],
    [42, "a number"],
    [false, "a boolean"],
  ],
  any: [],
};

interface BadCall {
  label: string;
  args: unknown[];
  name: string;
  /** For a value of the wrong kind, what the message must say. */
  says?: string;
}

/** The bad calls of one method, each with the argument it must name. */
function badCalls(op: Operation, valid: unknown[]): BadCall[] {
  const layout = layoutOf(op);
  const calls: BadCall[] = [];
  const replace = (index: number, value: unknown) => {
    const args = [...valid];
    args[index] = value;
    return args;
  };
  if (layout.token >= 0) {
    for (const [value, what] of MISTYPED_STRINGS) {
      calls.push({
        label: `accessToken as ${what}`,
        args: replace(layout.token, value),
        name: "accessToken",
      });
    }
  }
  op.pathArgs.forEach((arg, i) => {
    for (const [value, what] of MISTYPED_STRINGS) {
      calls.push({
        label: `${arg.name} as ${what}`,
        args: replace(layout.path[i], value),
        name: arg.name,
      });
    }
  });
  if (layout.params >= 0) {
    const values = op.paramsOptional
      ? MISTYPED_PARAMS
      : [[undefined, "missing"] as [unknown, string], ...MISTYPED_PARAMS];
    for (const [value, what] of values) {
      calls.push({
        label: `params as ${what}`,
        args: replace(layout.params, value),
        name: "params",
      });
    }
    const params = valid[layout.params] as Record<string, unknown>;
    for (const { name: field, kind } of op.requiredFields) {
      const without = { ...params };
      delete without[field];
      calls.push({
        label: `params.${field} missing`,
        args: replace(layout.params, without),
        name: `params.${field}`,
      });
      calls.push({
        label: `params.${field} as null`,
        args: replace(layout.params, { ...params, [field]: null }),
        name: `params.${field}`,
      });
      for (const [value, what] of WRONG_KIND[kind]) {
        calls.push({
          label: `params.${field} (${kind}) as ${what}`,
          args: replace(layout.params, { ...params, [field]: value }),
          name: `params.${field}`,
          says: `'params.${field}' must be `,
        });
      }
    }
  }
  return calls;
}

describe("every generated method", () => {
  it("is found by walking the client, exactly as the generator lists them", () => {
    const { methods } = countingClient();
    const walked = [...methods.keys()].sort();
    const planned = operations.map((op) => op.fullName).sort();
    assert.deepEqual(walked, planned);
    assert.ok(walked.length >= 200, `${walked.length} methods`);
  });

  it("sends one request, or builds a URL, with valid sample arguments", async () => {
    const { methods, sent } = countingClient();
    const problems: string[] = [];
    for (const op of operations) {
      const before = sent.length;
      const outcome = await outcomeOf(() =>
        methods.get(op.fullName)!(...sampleArgs(spec, op))
      );
      const sends = op.kind === "url" ? 0 : 1;
      if (sent.length - before !== sends) {
        problems.push(`${op.fullName}: ${sent.length - before} requests`);
      }
      if (
        op.kind === "url" &&
        !(outcome.ok && URL.canParse(outcome.value as string))
      ) {
        problems.push(`${op.fullName}: no URL`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it("fails before any request with a TypeError naming a missing or mistyped argument or required field", async () => {
    const { methods, sent } = countingClient();
    const problems: string[] = [];
    let tried = 0;
    let mistyped = 0;
    for (const op of operations) {
      const method = methods.get(op.fullName)!;
      for (const call of badCalls(op, sampleArgs(spec, op))) {
        tried++;
        if (call.says) mistyped++;
        const before = sent.length;
        const outcome = await outcomeOf(() => method(...call.args));
        const problem = notRefused(outcome, before, sent.length, call.name, [
          TypeError,
        ]) ?? (call.says && !(outcome as { error: Error }).error.message
            .includes(call.says)
          ? `the message does not say what it must be: ${
            (outcome as { error: Error }).error.message
          }`
          : undefined);
        if (problem) problems.push(`${op.fullName}(${call.label}): ${problem}`);
      }
    }
    const fields = operations.flatMap((op) => op.requiredFields);
    const kinded = fields.filter((field) => field.kind !== "any");
    tally.count("badArguments", tried, tried - problems.length);
    tally.note(
      `Bad arguments: ${mistyped} of them give a required field a value of the wrong kind; ${kinded.length} of the ${fields.length} required fields have one kind to check`,
    );
    assert.deepEqual(problems, []);
    assert.ok(tried > 1000, `${tried} bad calls`);
    // Most fields have one kind; a generator that lost the kinds would
    // leave them all to presence checks.
    assert.ok(
      kinded.length > 0.9 * fields.length,
      `${kinded.length} of ${fields.length} required fields have a kind`,
    );
    assert.ok(mistyped >= 3 * kinded.length, `${mistyped} mistyped fields`);
  });
});

// ---------------------------------------------------------------------------
// Hostile ids.
// ---------------------------------------------------------------------------

/** Ids that would leave their path segment if sent as they are. */
const HOSTILE_IDS = [
  "a/b",
  "../organizations",
  "..%2F..%2Fusers",
  "org_1?limit=1&after=x",
  "org_1#fragment",
  "%",
  "%2F",
  "%2e%2e",
  "100% sure",
  "a b",
  "tab\there",
  "line\nbreak",
  "back\\slash",
  "semi;colon",
  "org_1/",
  "/org_1",
  "é",
  "日本語",
  "👍🏽",
  "\u0000",
  "./",
  "...",
];

/** Ids that cannot be one path segment at all: refused, never sent. */
const REFUSED_IDS = ["", ".", "..", "\ud800"];

describe("hostile ids", () => {
  it("are encoded into their own path segment or refused: no call reaches another endpoint", async () => {
    await using fake = await startFakeWorkOS({
      apiKey: SAMPLE_CLIENT.apiKey,
      clientId: SAMPLE_CLIENT.clientId,
    });
    const workos = new WorkOSClient({
      authorizationToken: SAMPLE_CLIENT.apiKey,
      clientId: SAMPLE_CLIENT.clientId,
      baseUrl: fake.url,
      maxRetries: 0,
    });
    const methods = walkMethods(workos);
    const problems: string[] = [];
    let tried = 0;
    let probe = 0;

    /** Sends one call and returns what reached the fake, found by a probe header. */
    const send = async (
      method: BoundMethod,
      op: Operation,
      args: unknown[],
    ) => {
      const tag = String(++probe);
      const outcome = await outcomeOf(() =>
        op.kind === "url"
          ? method(...args)
          : method(...args, { headers: { "x-probe": tag } })
      );
      if (op.kind === "url") {
        if (!outcome.ok) return { outcome, seen: [] };
        const url = new URL(outcome.value as string);
        return {
          outcome,
          seen: [{
            method: "GET",
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
          }],
        };
      }
      const seen = fake.requests.filter((r) => r.headers["x-probe"] === tag);
      return { outcome, seen };
    };

    for (const op of operations.filter((op) => op.pathArgs.length > 0)) {
      const method = methods.get(op.fullName)!;
      const valid = sampleArgs(spec, op);
      const reference = await send(method, op, valid);
      if (reference.seen.length !== 1) {
        problems.push(`${op.fullName}: the valid call was not seen once`);
        continue;
      }
      const [expected] = reference.seen;
      const templateSegments = op.source.path.split("/");
      const layout = layoutOf(op);

      for (const [i, arg] of op.pathArgs.entries()) {
        const segment = templateSegments.indexOf(`{${arg.wire}}`);
        const calls = [...HOSTILE_IDS, ...REFUSED_IDS].map(async (id) => {
          const args = [...valid];
          args[layout.path[i]] = id;
          const { outcome, seen } = await send(method, op, args);
          const label = `${op.fullName}(${arg.name}: ${JSON.stringify(id)})`;
          if (REFUSED_IDS.includes(id)) {
            const problem = notRefused(outcome, 0, seen.length, arg.name, [
              TypeError,
            ]);
            return problem ? `${label}: ${problem}` : undefined;
          }
          if (seen.length !== 1) return `${label}: seen ${seen.length} times`;
          const [got] = seen;
          const gotSegments = got.path.split("/");
          const expectedSegments = expected.path.split("/");
          const samePlace = got.method === expected.method &&
            gotSegments.length === expectedSegments.length &&
            gotSegments.every((part, k) =>
              k === segment
                ? safeDecode(part) === id
                : part === expectedSegments[k]
            );
          if (!samePlace) return `${label}: reached ${got.method} ${got.path}`;
          if (JSON.stringify(got.query) !== JSON.stringify(expected.query)) {
            return `${label}: the query changed to ${
              JSON.stringify(got.query)
            }`;
          }
          return undefined;
        });
        for (const problem of await Promise.all(calls)) {
          tried++;
          if (problem) problems.push(problem);
        }
      }
    }
    tally.count("hostileIds", tried, tried - problems.length);
    assert.deepEqual(problems, []);
    assert.ok(tried > 2000, `${tried} hostile ids`);
  });
});

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Invalid options.
// ---------------------------------------------------------------------------

type Refusal = [name: string, value: unknown, expectName?: string];

const BAD_CLIENT_OPTIONS: Refusal[] = [
  ...["", 42, null, { key: "sk" }].map((
    v,
  ): Refusal => ["authorizationToken", v]),
  ...["", 42, null].map((v): Refusal => ["clientId", v]),
  ...["not a url", "ftp://example.com", "", "//api.workos.com", null, 42].map(
    (v): Refusal => ["baseUrl", v],
  ),
  ...["fetch", {}, null, 1].map((v): Refusal => ["fetcher", v]),
  ...[-1, 1.5, NaN, Infinity, "2", null].map((v): Refusal => ["maxRetries", v]),
  ...[0, -1, NaN, Infinity, "30", 3e6, null].map(
    (v): Refusal => ["timeoutInSeconds", v],
  ),
  ...[
    "x-a: 1",
    ["x-a", "1"],
    null,
    { "x-a": 1 },
    { "bad name": "1" },
    { "x-a": "1\r\nx-b: 2" },
    { "x-a": "日本" },
  ].map((v): Refusal => ["headers", v]),
  ...["console", {}, { info() {} }, null, 42].map((
    v,
  ): Refusal => ["logger", v]),
  ...["loud", "toString", "DEBUG", 3, null].map((
    v,
  ): Refusal => ["logLevel", v]),
  ...[5, "fast", null].map((v): Refusal => ["backoff", v]),
  ...["initialDelayInSeconds", "maxDelayInSeconds", "maxRetryAfterInSeconds"]
    .flatMap((field) =>
      [0, -1, NaN, "1", 1e7].map((v): Refusal => [
        "backoff",
        { [field]: v },
        `backoff.${field}`,
      ])
    ),
];

const BAD_REQUEST_OPTIONS: Refusal[] = [
  ...[-1, 1.5, NaN, "2", null].map((v): Refusal => ["maxRetries", v]),
  ...[0, -1, NaN, Infinity, "30", 3e6, null].map(
    (v): Refusal => ["timeoutInSeconds", v],
  ),
  ...["", " ", 42, "key\nnext", "clé-日本", null].map(
    (v): Refusal => ["idempotencyKey", v],
  ),
  ...[{}, "signal", 1, { aborted: "no" }, null].map(
    (v): Refusal => ["abortSignal", v],
  ),
  ...[
    "x-a: 1",
    [],
    null,
    { "x-a": 1 },
    { "bad name": "1" },
    { "x-a": "a\nb" },
  ].map((v): Refusal => ["headers", v]),
  ...["a=1", ["a"], 5, null].map((v): Refusal => ["queryParams", v]),
  ["queryParams", { filter: { a: 1 } }, "filter"],
  ["queryParams", { limit: NaN }, "limit"],
];

describe("invalid options", () => {
  it("client options fail at construction with a RangeError or TypeError naming the option", () => {
    const problems: string[] = [];
    for (const [name, value, expectName = name] of BAD_CLIENT_OPTIONS) {
      for (const Client of [WorkOSClient, CoreClient]) {
        const outcome = (() => {
          try {
            return { ok: true as const, value: new Client({ [name]: value }) };
          } catch (error) {
            return { ok: false as const, error };
          }
        })();
        const problem = notRefused(outcome, 0, 0, expectName, [
          RangeError,
          TypeError,
        ]);
        if (problem) {
          problems.push(`${Client.name} ${name}: ${String(value)}: ${problem}`);
        }
      }
    }
    for (const value of ["sk_test_1", 42, null]) {
      try {
        new WorkOSClient(value as never);
        problems.push(`options ${String(value)}: accepted`);
      } catch (error) {
        if (!(error instanceof TypeError && /options/.test(error.message))) {
          problems.push(`options ${String(value)}: ${error}`);
        }
      }
    }
    const tried = 2 * BAD_CLIENT_OPTIONS.length + 3;
    tally.count("invalidOptions", tried, tried - problems.length);
    assert.deepEqual(problems, []);
  });

  it("request options fail before any request, on every generated method, naming the option", async () => {
    const { methods, sent } = countingClient();
    const problems: string[] = [];
    let tried = 0;
    for (const op of operations.filter((op) => op.kind !== "url")) {
      const method = methods.get(op.fullName)!;
      const args = sampleArgs(spec, op);
      for (const [name, value, expectName = name] of BAD_REQUEST_OPTIONS) {
        tried++;
        const before = sent.length;
        const outcome = await outcomeOf(() =>
          method(...args, { [name]: value })
        );
        const problem = notRefused(outcome, before, sent.length, expectName, [
          RangeError,
          TypeError,
        ]);
        if (problem) {
          problems.push(`${op.fullName} ${name}: ${String(value)}: ${problem}`);
        }
      }
      for (const value of ["fast", 42, null]) {
        tried++;
        const before = sent.length;
        const outcome = await outcomeOf(() => method(...args, value));
        if (
          sent.length !== before || outcome.ok ||
          !(outcome.error instanceof TypeError)
        ) {
          problems.push(`${op.fullName} options ${String(value)}: not refused`);
        }
      }
    }
    tally.count("invalidOptions", tried, tried - problems.length);
    assert.deepEqual(problems, []);
  });
});
