/**
 * A local stand-in for the WorkOS API: a real HTTP server on 127.0.0.1
 * that keeps organizations and users in memory, records every request and
 * misbehaves on request.
 *
 * @module
 */

import { randomUUID } from "node:crypto";
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Socket } from "node:net";
import { Answer, failure, faultAnswer } from "./_answer.ts";
import { Exchange, Timers } from "./_exchange.ts";
import { insertOrganization } from "./_organizations.ts";
import { findRoute } from "./_routes.ts";
import { createState, type State } from "./_state.ts";
import { insertUser } from "./_users.ts";
import {
  activateFault,
  type ActiveFault,
  describe,
  type FaultSpec,
  takeFault,
} from "./faults.ts";
import type { WireOrganization, WireUser } from "./wire_types.ts";

/**
 * Options of {@link startFakeWorkOS}.
 *
 * @example Start a fake with a chosen API key
 * ```ts
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * await using fake = await startFakeWorkOS({ apiKey: "sk_test_mine" });
 * console.log(fake.apiKey); // "sk_test_mine"
 * ```
 */
export interface FakeWorkOSOptions {
  /** The only API key the fake accepts; `"sk_test_fake_workos_key"` by default. */
  apiKey?: string;
  /** The client id; `"client_fake_workos"` by default. */
  clientId?: string;
  /** The port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /**
   * The key set `GET /sso/jwks/{clientId}` sends; `{ keys: [] }` by
   * default.
   */
  jwks?: { keys: readonly object[] };
}

/**
 * One request the fake received, as it arrived.
 *
 * @example Check what a client sent
 * ```ts
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * await using fake = await startFakeWorkOS();
 * await fetch(`${fake.url}/organizations?limit=5`, {
 *   headers: { authorization: `Bearer ${fake.apiKey}` },
 * }).then((res) => res.body?.cancel());
 * const [request] = fake.requests;
 * console.log(request.method, request.path, request.query.limit);
 * ```
 */
export interface RecordedRequest {
  /** The method, in upper case. */
  method: string;
  /** The path as sent (still percent-encoded), without the query. */
  path: string;
  /** The query parameters; the first value wins when one repeats. */
  query: Record<string, string>;
  /** The headers by lower-case name; repeated ones joined with ", ". */
  headers: Record<string, string>;
  /**
   * The parsed JSON body, or `undefined` when the body is empty, not
   * JSON, or not (yet) fully received.
   */
  body: unknown;
  /** The body text; empty until the body is fully received. */
  rawBody: string;
  /** `Date.now()` when the request arrived. */
  receivedAt: number;
  /**
   * Whether the client closed the connection before the answer was
   * complete, for example on a client timeout. Set as soon as the fake
   * sees the connection close.
   */
  closedEarly: boolean;
}

/**
 * A running fake. Close it with `close()`, or declare it with
 * `await using` to close it at the end of the scope.
 *
 * @example Create an organization and check the request
 * ```ts
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * await using fake = await startFakeWorkOS();
 * const res = await fetch(`${fake.url}/organizations`, {
 *   method: "POST",
 *   headers: {
 *     authorization: `Bearer ${fake.apiKey}`,
 *     "content-type": "application/json",
 *   },
 *   body: JSON.stringify({ name: "Foo Corp" }),
 * });
 * console.log(res.status, await res.json());
 * console.log(fake.countObjects("organizations")); // 1
 * console.log(fake.requests[0].body); // { name: "Foo Corp" }
 * ```
 */
export interface FakeWorkOS extends AsyncDisposable {
  /** The origin to use as the client's base URL, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The API key the fake accepts. */
  readonly apiKey: string;
  /** The client id the fake answers for. */
  readonly clientId: string;
  /** Every request received, in arrival order, faulted ones included. */
  readonly requests: RecordedRequest[];

  /**
   * Adds a fault. Faults are checked in the order they were added, before
   * routing and authentication; the first that matches hits the request.
   *
   * @param fault What to match and how to misbehave.
   * @throws {TypeError} When a field has the wrong type.
   * @throws {RangeError} When a number is out of range.
   */
  injectFault(fault: FaultSpec): void;

  /** Removes every fault. */
  clearFaults(): void;

  /**
   * Stores organizations directly, without requests.
   *
   * @param count How many to create.
   * @param fields Fields to set on the `i`-th one (from 0); by default
   * they are named "Organization 1", "Organization 2" and so on.
   * @returns Copies of the stored organizations, oldest first.
   * @throws {RangeError} When `count` is not a non-negative integer.
   * @throws {TypeError} When `fields` is not a function or gives an id
   * that is taken.
   */
  seedOrganizations(
    count: number,
    fields?: (i: number) => Partial<WireOrganization>,
  ): WireOrganization[];

  /**
   * Stores users directly, without requests.
   *
   * @param count How many to create.
   * @param fields Fields to set on the `i`-th one (from 0); by default
   * their emails are user1@example.com, user2@example.com and so on.
   * @returns Copies of the stored users, oldest first.
   * @throws {RangeError} When `count` is not a non-negative integer.
   * @throws {TypeError} When `fields` is not a function or gives an id
   * that is taken.
   */
  seedUsers(
    count: number,
    fields?: (i: number) => Partial<WireUser>,
  ): WireUser[];

  /**
   * Counts the stored objects of a kind.
   *
   * @param kind `"organizations"` or `"users"`.
   * @returns The number stored.
   * @throws {TypeError} When the kind is unknown.
   */
  countObjects(kind: "organizations" | "users"): number;

  /** Forgets all objects, idempotency keys, recorded requests and faults. */
  reset(): void;

  /**
   * Stops the server and closes every open connection, keep-alive ones
   * included. Calling it again returns the same promise.
   *
   * @returns A promise that settles once the server is closed.
   */
  close(): Promise<void>;
}

/**
 * Starts a fake WorkOS API on 127.0.0.1.
 *
 * @example Point a client at the fake
 * ```ts
 * import { WorkOSClient } from "@workos/workos";
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * await using fake = await startFakeWorkOS();
 * const workos = new WorkOSClient({
 *   authorizationToken: fake.apiKey,
 *   baseUrl: fake.url,
 * });
 * console.log(workos.baseUrl === fake.url);
 * ```
 *
 * @param options The API key, client id, port and key set to use.
 * @returns A promise of the running fake.
 * @throws {TypeError} When an option has the wrong type.
 * @throws {RangeError} When the port is out of range.
 */
export async function startFakeWorkOS(
  options: FakeWorkOSOptions = {},
): Promise<FakeWorkOS> {
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      `Cannot start the fake as its options must be an object: received ${
        describe(options)
      }`,
    );
  }
  const {
    apiKey = "sk_test_fake_workos_key",
    clientId = "client_fake_workos",
    port = 0,
    jwks = { keys: [] },
  } = options;
  for (const [name, value] of [["apiKey", apiKey], ["clientId", clientId]]) {
    if (typeof value !== "string" || value === "") {
      throw new TypeError(
        `Cannot start the fake as '${name}' must be a non-empty string: received ${
          describe(value)
        }`,
      );
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(
      `Cannot start the fake as 'port' must be an integer from 0 to 65535: received ${
        describe(port)
      }`,
    );
  }
  if (jwks === null || typeof jwks !== "object" || !Array.isArray(jwks.keys)) {
    throw new TypeError(
      `Cannot start the fake as 'jwks' must be an object with a 'keys' array: received ${
        describe(jwks)
      }`,
    );
  }

  const fake = new RunningFake(apiKey, clientId, jwks);
  await fake.listen(port);
  return fake;
}

class RunningFake implements FakeWorkOS {
  readonly apiKey: string;
  readonly clientId: string;
  readonly requests: RecordedRequest[] = [];
  #state: State;
  #faults: ActiveFault[] = [];
  #stored = new Map<string, Answer>();
  #server: Server;
  #sockets = new Set<Socket>();
  #busy = new Map<Socket, number>();
  #timers = new Timers();
  #port = 0;
  #closing: Promise<void> | undefined;

  constructor(
    apiKey: string,
    clientId: string,
    jwks: { keys: readonly object[] },
  ) {
    this.apiKey = apiKey;
    this.clientId = clientId;
    this.#state = createState(clientId, jwks);
    this.#server = createServer((req, res) => this.#receive(req, res));
    this.#server.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, "127.0.0.1", () => {
        this.#server.off("error", reject);
        const address = this.#server.address();
        this.#port = typeof address === "object" && address !== null
          ? address.port
          : port;
        resolve();
      });
    });
  }

  injectFault(fault: FaultSpec): void {
    const active = activateFault(fault);
    this.#faults.push(active);

    // Deno's fetch silently sends a request again when a reused keep-alive
    // connection closes without an answer, which would hide a dropped
    // connection from the client. Closing idle connections now, and
    // answering with "connection: close" while the fault is active, makes
    // the dropped request arrive on a fresh connection.
    if (active.spec.dropConnection !== undefined) {
      for (const socket of this.#sockets) {
        if (!this.#busy.has(socket)) socket.destroy();
      }
    }
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  seedOrganizations(
    count: number,
    fields?: (i: number) => Partial<WireOrganization>,
  ): WireOrganization[] {
    return this.#seed(
      "seed organizations",
      this.#state.organizations,
      count,
      (i) => insertOrganization(this.#state, `Organization ${i + 1}`),
      fields,
    );
  }

  seedUsers(
    count: number,
    fields?: (i: number) => Partial<WireUser>,
  ): WireUser[] {
    return this.#seed(
      "seed users",
      this.#state.users,
      count,
      (i) => insertUser(this.#state, `user${i + 1}@example.com`),
      fields,
    );
  }

  countObjects(kind: "organizations" | "users"): number {
    if (kind === "organizations") return this.#state.organizations.size;
    if (kind === "users") return this.#state.users.size;
    throw new TypeError(
      `Cannot count objects as 'kind' must be "organizations" or "users": received ${
        describe(kind)
      }`,
    );
  }

  reset(): void {
    this.#state.organizations.clear();
    this.#state.users.clear();
    this.#stored.clear();
    this.requests.length = 0;
    this.#faults.length = 0;
  }

  close(): Promise<void> {
    this.#closing ??= new Promise((resolve) => {
      this.#timers.clearAll();
      // The server stops listening now but reports closed only when the
      // last connection is gone, so the open ones are destroyed.
      this.#server.close(() => resolve());
      for (const socket of this.#sockets) socket.destroy();
    });
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #seed<T extends { id: string }>(
    action: string,
    store: Map<string, T>,
    count: number,
    insert: (i: number) => T,
    fields: ((i: number) => Partial<T>) | undefined,
  ): T[] {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(
        `Cannot ${action} as 'count' must be a non-negative integer: received ${
          describe(count)
        }`,
      );
    }
    if (fields !== undefined && typeof fields !== "function") {
      throw new TypeError(
        `Cannot ${action} as 'fields' must be a function: received ${
          describe(fields)
        }`,
      );
    }

    const seeded: T[] = [];
    for (let i = 0; i < count; i++) {
      const item = insert(i);
      const extra: Partial<T> = fields?.(i) ?? {};
      if (extra.id !== undefined && extra.id !== item.id) {
        if (typeof extra.id !== "string" || store.has(extra.id)) {
          store.delete(item.id);
          throw new TypeError(
            `Cannot ${action} as 'id' must be a new string: received ${
              describe(extra.id)
            }`,
          );
        }
        store.delete(item.id);
        store.set(extra.id, item);
      }
      Object.assign(item, extra);
      seeded.push(structuredClone(item));
    }
    return seeded;
  }

  #receive(req: IncomingMessage, res: ServerResponse): void {
    const url = URL.canParse(req.url ?? "/", "http://127.0.0.1")
      ? new URL(req.url ?? "/", "http://127.0.0.1")
      : new URL("/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] ??= value;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) {
        headers[name.toLowerCase()] = Array.isArray(value)
          ? value.join(", ")
          : value;
      }
    }
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query,
      headers,
      body: undefined,
      rawBody: "",
      receivedAt: Date.now(),
      closedEarly: false,
    };
    this.requests.push(record);
    const exchange = new Exchange(req, res, record, this.#timers);
    const socket = req.socket;
    this.#busy.set(socket, (this.#busy.get(socket) ?? 0) + 1);
    res.on("close", () => {
      const left = (this.#busy.get(socket) ?? 1) - 1;
      if (left > 0) this.#busy.set(socket, left);
      else this.#busy.delete(socket);
    });

    const fault = takeFault(this.#faults, method, url.pathname);
    if (fault?.dropConnection === "before") {
      return exchange.drop(fault.delayMs);
    }

    readBody(req).then((raw) => {
      if (raw === undefined) return;
      record.rawBody = raw;
      record.body = parseJson(raw);
      const answer = fault?.status !== undefined || fault?.body !== undefined
        ? faultAnswer(fault.status, fault.body)
        : this.#answerSafely(record, raw);
      if (fault?.dropConnection === "after") {
        return exchange.drop(fault.delayMs);
      }
      const headers = {
        ...answer.headers,
        ...lowerCaseKeys(fault?.headers ?? {}),
        "x-request-id": `req_${randomUUID()}`,
        ...(this.#faults.some((f) => f.spec.dropConnection !== undefined)
          ? { connection: "close" }
          : {}),
      };
      exchange.send(new Answer(answer.status, headers, answer.body), fault);
    });
  }

  #answerSafely(record: RecordedRequest, raw: string): Answer {
    // A bug in a route must reach the test as an answer, not crash the
    // process the test runs in.
    try {
      return this.#answer(record, raw);
    } catch (error) {
      return failure(
        500,
        "fake_internal_error",
        `The fake failed on ${record.method} ${record.path}: ${error}`,
      );
    }
  }

  #answer(record: RecordedRequest, raw: string): Answer {
    const { method, path } = record;
    const found = findRoute(method, path);
    if (!found?.route.isPublic && !this.#authorized(record.headers)) {
      return failure(
        401,
        "unauthorized",
        "The Authorization header must carry a valid API key as a Bearer token",
      );
    }
    if (!found) {
      return failure(404, "not_found", `Not found: ${method} ${path}`);
    }

    // A POST repeated with the same key gets the first answer again, so a
    // retried create makes one object.
    const key = method === "POST" ? record.headers["idempotency-key"] : "";
    const stored = key ? this.#stored.get(key) : undefined;
    if (stored) return stored;

    const answer = found.route.hasBody && raw.trim() !== "" &&
        record.body === undefined
      ? failure(400, "invalid_json", "The request body is not valid JSON")
      : found.route.handle({
        state: this.#state,
        params: found.params,
        query: record.query,
        body: record.body,
      });
    if (key) this.#stored.set(key, answer);
    return answer;
  }

  #authorized(headers: Record<string, string>): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
    return match !== null && match[1] === this.apiKey;
  }
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    req.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    req.on("end", () => {
      const bytes = new Uint8Array(
        chunks.reduce((sum, chunk) => sum + chunk.length, 0),
      );
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(new TextDecoder().decode(bytes));
    });
    // A request the client abandons mid-body never ends; the promise
    // settles once, so this is a no-op after "end".
    req.on("close", () => resolve(undefined));
    req.on("error", () => resolve(undefined));
  });
}

function parseJson(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function lowerCaseKeys(
  headers: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}
