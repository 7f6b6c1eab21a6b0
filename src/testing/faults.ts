/**
 * Faults a test injects into the fake to see how a client copes with
 * errors, slowness and broken connections.
 *
 * @module
 */

/**
 * How the fake misbehaves for the requests that match. Without any of
 * `status`, `body`, `delayMs`, `stallBodyMs`, `dropConnection` and
 * `truncateBody`, a matching request is answered normally (plus any
 * `headers`), which still counts as a hit.
 *
 * A request's effect (an object created, changed or deleted) is committed
 * before `delayMs`, `stallBodyMs`, `truncateBody` and
 * `dropConnection: "after"` take effect, as on a slow or broken real
 * server. A `status` or `body` answer and `dropConnection: "before"` skip
 * the request, so nothing changes.
 *
 * @example Answer the next create with a 429 and a Retry-After header
 * ```ts
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * await using fake = await startFakeWorkOS();
 * fake.injectFault({
 *   method: "POST",
 *   path: "/organizations",
 *   status: 429,
 *   headers: { "retry-after": "1" },
 * });
 * const res = await fetch(`${fake.url}/organizations`, {
 *   method: "POST",
 *   headers: { authorization: `Bearer ${fake.apiKey}` },
 *   body: JSON.stringify({ name: "Foo Corp" }),
 * });
 * console.log(res.status, res.headers.get("retry-after"), await res.json());
 * ```
 */
export interface FaultSpec {
  /** The HTTP method to match, in any case; any method when absent. */
  method?: string;
  /** The exact path (without the query), or a pattern tested on it. */
  path: string | RegExp;
  /** How many matching requests the fault hits; 1 by default. */
  times?: number;
  /** Answer with this status instead of handling the request. */
  status?: number;
  /**
   * The body of that answer: a string is sent as is as `text/html`,
   * anything else as JSON. By default `{ message, code }` for the status.
   * A body without a status is sent with 200.
   */
  body?: unknown;
  /** Headers added to the answer, for example `{ "retry-after": "1" }`. */
  headers?: Record<string, string>;
  /**
   * Milliseconds to wait before sending the answer's headers, or before
   * dropping the connection.
   */
  delayMs?: number;
  /**
   * Milliseconds to wait after sending the headers and the first half of
   * the body, before sending the rest.
   */
  stallBodyMs?: number;
  /**
   * Closes the connection without an answer (after `delayMs`, if given):
   * `"before"` the request is handled, or `"after"` it was handled and its
   * effect committed (an answer lost on the way back).
   *
   * Some clients, Deno's fetch among them, silently send a request again
   * when a reused keep-alive connection closes without an answer. So that
   * the client sees the drop, injecting such a fault closes the idle
   * connections, and answers say `connection: close` while it is active.
   */
  dropConnection?: "before" | "after";
  /**
   * Sends the answer's headers with its full length declared, then half
   * of its body, then closes the connection.
   */
  truncateBody?: boolean;
}

/** An injected fault with its remaining hits. */
export interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  method: string | undefined;
  path: string | RegExp;
}

/**
 * Checks a fault and prepares it for matching.
 *
 * @param fault The fault as the test gave it.
 * @returns The fault, ready for {@link takeFault}.
 * @throws {TypeError} When a field has the wrong type.
 * @throws {RangeError} When a number is out of range.
 */
export function activateFault(fault: FaultSpec): ActiveFault {
  if (fault === null || typeof fault !== "object") {
    throw new TypeError(
      `Cannot inject the fault as it must be an object: received ${
        describe(fault)
      }`,
    );
  }
  const { method, path, times = 1, status } = fault;
  if (method !== undefined && (typeof method !== "string" || method === "")) {
    throw new TypeError(
      `Cannot inject the fault as 'method' must be a non-empty string: received ${
        describe(method)
      }`,
    );
  }
  if (typeof path !== "string" && !(path instanceof RegExp)) {
    throw new TypeError(
      `Cannot inject the fault as 'path' must be a string or a RegExp: received ${
        describe(path)
      }`,
    );
  }
  if (times !== Infinity && (!Number.isInteger(times) || times < 1)) {
    throw new RangeError(
      `Cannot inject the fault as 'times' must be a positive integer or Infinity: received ${
        describe(times)
      }`,
    );
  }
  if (
    status !== undefined &&
    (!Number.isInteger(status) || status < 200 || status > 599)
  ) {
    throw new RangeError(
      `Cannot inject the fault as 'status' must be an integer from 200 to 599: received ${
        describe(status)
      }`,
    );
  }
  for (const name of ["delayMs", "stallBodyMs"] as const) {
    const value = fault[name];
    if (
      value !== undefined &&
      (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    ) {
      throw new RangeError(
        `Cannot inject the fault as '${name}' must be a finite number of milliseconds from 0: received ${
          describe(value)
        }`,
      );
    }
  }
  if (
    fault.dropConnection !== undefined &&
    fault.dropConnection !== "before" && fault.dropConnection !== "after"
  ) {
    throw new TypeError(
      `Cannot inject the fault as 'dropConnection' must be "before" or "after": received ${
        describe(fault.dropConnection)
      }`,
    );
  }
  if (fault.headers !== undefined) {
    if (fault.headers === null || typeof fault.headers !== "object") {
      throw new TypeError(
        `Cannot inject the fault as 'headers' must be an object of strings: received ${
          describe(fault.headers)
        }`,
      );
    }
    for (const [name, value] of Object.entries(fault.headers)) {
      if (typeof value !== "string") {
        throw new TypeError(
          `Cannot inject the fault as header '${name}' must be a string: received ${
            describe(value)
          }`,
        );
      }
    }
  }

  // A global or sticky pattern keeps state between tests; a copy without
  // those flags matches the same paths every time.
  const pattern = typeof path === "string"
    ? path
    : new RegExp(path.source, path.flags.replace(/[gy]/g, ""));
  return {
    spec: { ...fault, headers: { ...fault.headers } },
    remaining: times,
    method: method?.toUpperCase(),
    path: pattern,
  };
}

/**
 * Finds the first fault matching a request and counts the hit, removing
 * the fault when it has no hits left.
 *
 * @param faults The active faults, in injection order; changed in place.
 * @param method The request's method.
 * @param path The request's path, without the query.
 * @returns The matching fault's spec, or `undefined`.
 */
export function takeFault(
  faults: ActiveFault[],
  method: string,
  path: string,
): FaultSpec | undefined {
  const index = faults.findIndex((fault) =>
    (fault.method === undefined || fault.method === method) &&
    (typeof fault.path === "string"
      ? fault.path === path
      : fault.path.test(path))
  );
  if (index === -1) return undefined;
  const fault = faults[index];
  fault.remaining -= 1;
  if (fault.remaining <= 0) faults.splice(index, 1);
  return fault.spec;
}

/**
 * Names a value for an error message without echoing long content.
 *
 * @param value Any value.
 * @returns A short description.
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") {
    return value === "" ? "an empty string" : JSON.stringify(value);
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
