/**
 * The request pipeline every call goes through: auth, headers,
 * idempotency, retries, timeouts, aborts, logging and error mapping.
 *
 * @module
 */

import { APIPromise, type WithRawResponse } from "./api_promise.ts";
import { canSetUserAgent, readEnv, runtimeName } from "./env.ts";
import {
  ConnectionError,
  errorFromResponse,
  parseRetryAfter,
  TimeoutError,
  WorkOSError,
} from "./errors.ts";
import { fetchApi } from "./fetch_api.ts";
import { type LevelLogger, levelLogger } from "./logger.ts";
import {
  checkHeaders,
  checkRequestOptions,
  checkRetries,
  checkSeconds,
  type ClientOptions,
  describe,
  describeKind,
  type Fetcher,
  type RequestOptions,
} from "./options.ts";
import { type ListMetadata, Page, PagePromise } from "./pagination.ts";
import { backoffDelay, isRetryableStatus, sleep } from "./retry.ts";
import { appendQuery } from "./url.ts";
import { VERSION } from "./version.ts";

/** The HTTP methods the API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One API call, described in wire terms. Resource methods build these. */
export interface RequestSpec<T> {
  /** The HTTP method. */
  method: HttpMethod;
  /** The path, already encoded by `buildPath`. */
  path: string;
  /** Query parameters by their wire names. */
  query?: Record<string, unknown>;
  /** The JSON body, in wire form. */
  body?: unknown;
  /**
   * How the call authenticates: the API key as a bearer token (default),
   * or nothing for public endpoints.
   */
  auth?: "bearer" | "none";
  /**
   * Wire names of body fields that the client fills in with its client id
   * and its API key (as client secret), for endpoints that authenticate in
   * the body.
   */
  bodyCredentials?: {
    clientId?: string;
    clientSecret?: string;
    /**
     * A body field with which a public client (one without an API key,
     * such as a PKCE app) may call the endpoint: when the body carries it
     * and no API key is set, neither the secret nor a bearer token is sent.
     */
    publicWith?: string;
  };
  /**
   * Maps the decoded JSON body to the result. When present, the answer
   * must carry a JSON body; when absent, the decoded body (or `undefined`
   * for an empty one) is the result.
   */
  parse?: (wire: unknown) => T;
  /**
   * Whether an empty answer (such as a 204) is a valid result even though
   * `parse` is set: it then resolves to `undefined` instead of failing.
   */
  optionalBody?: boolean;
}

const DEFAULT_BASE_URL = "https://api.workos.com";
const DEFAULTS = {
  maxRetries: 2,
  timeoutInSeconds: 60,
  initialDelayInSeconds: 0.5,
  maxDelayInSeconds: 8,
  maxRetryAfterInSeconds: 60,
};

/**
 * The transport under every resource group. `WorkOSClient` extends it; a
 * single resource group can also be used with a bare `CoreClient`, so that
 * a bundle carries only the groups it imports.
 *
 * @example Use one resource group on its own
 * ```ts
 * import { CoreClient } from "@workos/workos";
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * const fake = await startFakeWorkOS();
 * const client = new CoreClient({
 *   authorizationToken: fake.apiKey,
 *   baseUrl: fake.url,
 * });
 * const org = await client.request({
 *   method: "POST",
 *   path: "/organizations",
 *   body: { name: "Foo Corp" },
 * });
 * console.log(org);
 * await fake.close();
 * ```
 */
export class CoreClient {
  /** The API origin requests go to. */
  readonly baseUrl: string;
  #apiKey: string | undefined;
  #clientId: string | undefined;
  #fetcher: Fetcher | undefined;
  #maxRetries: number;
  #timeoutInSeconds: number;
  // The headers every request starts from, names lower-cased: accept,
  // user agent and the client's own.
  #baseHeaders: Record<string, string>;
  #log: LevelLogger;
  #debug: boolean;
  #initialDelayMs: number;
  #maxDelayMs: number;
  #maxRetryAfterMs: number;

  /**
   * Creates a client. Nothing is read from the environment and no secret
   * is needed until the first request that uses one.
   *
   * @param options The client's options.
   * @throws {RangeError} When a number option is out of range.
   * @throws {TypeError} When an option has the wrong type.
   */
  constructor(options: ClientOptions = {}) {
    if (options === null || typeof options !== "object") {
      throw new TypeError(
        `Cannot create the client as its options must be an object: received ${
          describeKind(options)
        }`,
      );
    }
    checkRetries("maxRetries", options.maxRetries);
    checkSeconds("timeoutInSeconds", options.timeoutInSeconds);
    checkHeaders("headers", options.headers);
    if (
      options.backoff !== undefined &&
      (options.backoff === null || typeof options.backoff !== "object")
    ) {
      throw new TypeError(
        `Cannot use 'backoff' as it must be an object of delays in seconds: received ${
          describe(options.backoff)
        }`,
      );
    }
    const backoff = options.backoff ?? {};
    checkSeconds(
      "backoff.initialDelayInSeconds",
      backoff.initialDelayInSeconds,
    );
    checkSeconds("backoff.maxDelayInSeconds", backoff.maxDelayInSeconds);
    checkSeconds(
      "backoff.maxRetryAfterInSeconds",
      backoff.maxRetryAfterInSeconds,
    );
    for (const name of ["authorizationToken", "clientId"] as const) {
      const value = options[name];
      if (value !== undefined && (typeof value !== "string" || value === "")) {
        throw new TypeError(
          `Cannot use '${name}' as it must be a non-empty string: received ${
            typeof value === "string" ? "an empty string" : typeof value
          }`,
        );
      }
    }
    if (
      options.fetcher !== undefined && typeof options.fetcher !== "function"
    ) {
      throw new TypeError(
        `Cannot use 'fetcher' as it must be a fetch-compatible function: received ${
          describe(options.fetcher)
        }`,
      );
    }

    // Only an absent baseUrl means production: a null one is a mistake,
    // such as an unset variable, and must not send traffic there.
    this.baseUrl = parseBaseUrl(
      options.baseUrl === undefined ? DEFAULT_BASE_URL : options.baseUrl,
    );
    this.#apiKey = options.authorizationToken;
    this.#clientId = options.clientId;
    this.#fetcher = options.fetcher;
    this.#maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
    this.#timeoutInSeconds = options.timeoutInSeconds ??
      DEFAULTS.timeoutInSeconds;
    this.#baseHeaders = { accept: "application/json" };
    const agent = userAgent();
    if (agent !== undefined) this.#baseHeaders["user-agent"] = agent;
    addHeaders(this.#baseHeaders, options.headers);
    this.#log = levelLogger(options.logger, options.logLevel);
    this.#debug = options.logLevel === "debug";
    this.#initialDelayMs = 1000 *
      (backoff.initialDelayInSeconds ?? DEFAULTS.initialDelayInSeconds);
    this.#maxDelayMs = 1000 *
      (backoff.maxDelayInSeconds ?? DEFAULTS.maxDelayInSeconds);
    this.#maxRetryAfterMs = 1000 *
      (backoff.maxRetryAfterInSeconds ?? DEFAULTS.maxRetryAfterInSeconds);
  }

  /**
   * The client id from the options, else from `WORKOS_CLIENT_ID`.
   *
   * @returns The client id, or `undefined` when neither is set.
   */
  get clientId(): string | undefined {
    return this.#clientId ?? readEnv("WORKOS_CLIENT_ID");
  }

  /**
   * Sends one call through the pipeline.
   *
   * @param spec The call in wire terms.
   * @param options Per-call options.
   * @returns A promise of the mapped result.
   * @throws {TypeError} When an option or credential is missing or invalid.
   * @throws {RangeError} When a number option is out of range.
   */
  request<T = unknown>(
    spec: RequestSpec<T>,
    options?: RequestOptions,
  ): APIPromise<T> {
    checkRequestOptions(options);
    const prepared = this.#prepare(spec, options);
    return new APIPromise(this.#send(spec, prepared, options));
  }

  /**
   * Sends a list call and returns its first page, which walks the rest.
   *
   * @param spec The call in wire terms; its query holds the cursors.
   * @param parseItem Maps one wire item to its result type.
   * @param options Per-call options, reused for every page.
   * @returns A promise of the first page, iterable over every item.
   * @throws {TypeError} When an option or credential is missing or invalid.
   * @throws {RangeError} When a number option is out of range.
   */
  requestPage<T>(
    spec: Omit<RequestSpec<never>, "parse">,
    parseItem: (wire: unknown) => T,
    options?: RequestOptions,
  ): PagePromise<T> {
    checkRequestOptions(options);
    const initial = { ...spec.query, ...options?.queryParams };
    // A walk that starts from a `before` cursor goes backwards.
    const direction = typeof initial.before === "string" &&
        typeof initial.after !== "string"
      ? "before"
      : "after";

    const fetchPage = (next?: { [key: string]: string }): PagePromise<T> => {
      const cursor = next?.[direction] ?? initial[direction];
      const pageOptions = next === undefined ? options : {
        ...options,
        queryParams: { ...options?.queryParams, ...next },
      };
      const pageSpec: RequestSpec<Page<T>> = {
        ...spec,
        parse: (wire) =>
          new Page(
            readList(wire, spec).map(parseItem),
            readListMetadata(wire),
            fetchPage,
            direction,
            typeof cursor === "string" ? cursor : undefined,
          ),
      };
      const prepared = this.#prepare(pageSpec, pageOptions);
      return new PagePromise(this.#send(pageSpec, prepared, pageOptions));
    };
    return fetchPage();
  }

  /**
   * Builds an absolute URL on the API origin without sending anything, for
   * redirect endpoints such as the authorization URL.
   *
   * @param path The encoded path.
   * @param query Query parameters by their wire names.
   * @returns The URL as a string.
   */
  buildUrl(path: string, query?: Record<string, unknown>): string {
    const url = new URL(this.baseUrl + path);
    appendQuery(url, query);
    return url.toString();
  }

  /** A secret-free summary for `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, clientId: this.#clientId };
  }

  /** What `Deno.inspect` shows: no secret. */
  [Symbol.for("Deno.customInspect")](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }

  /** What Node's `util.inspect` and `console.log` show: no secret. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }

  #prepare(
    spec: RequestSpec<unknown>,
    options: RequestOptions | undefined,
  ): Prepared {
    const summary = `${spec.method} ${spec.path}`;
    const url = new URL(this.baseUrl + spec.path);
    appendQuery(url, spec.query);
    appendQuery(url, options?.queryParams);

    // Read at request time; the runtime may lack both (see fetch_api.ts).
    const api = fetchApi();
    const fetcher = this.#fetcher ?? api.fetch;
    if (fetcher === undefined || api.Headers === undefined) {
      throw new TypeError(
        `Cannot send ${summary} as this runtime has no global fetch and Headers: pass 'fetcher' to new WorkOSClient() and install a Fetch API polyfill`,
      );
    }
    // A plain object rather than a Headers: fetch copies either into its
    // own list, and building a Headers first cost Deno about 8 µs a call.
    const headers = { ...this.#baseHeaders };
    addHeaders(headers, options?.headers);
    const publicWith = spec.bodyCredentials?.publicWith;
    const publicCall = publicWith !== undefined &&
      (spec.body as Record<string, unknown> | undefined)?.[publicWith] !==
        undefined &&
      this.#apiKey === undefined && readEnv("WORKOS_API_KEY") === undefined;
    if ((spec.auth ?? "bearer") === "bearer" && !publicCall) {
      headers.authorization = `Bearer ${this.#requireApiKey(summary)}`;
    }

    let payload = spec.body;
    if (spec.bodyCredentials !== undefined) {
      const { clientId, clientSecret } = spec.bodyCredentials;
      const filled = { ...(spec.body as Record<string, unknown> | undefined) };
      if (clientId) filled[clientId] = this.#requireClientId(summary);
      if (clientSecret && !publicCall) {
        filled[clientSecret] = this.#requireApiKey(summary);
      }
      payload = filled;
    }
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    if (body !== undefined) headers["content-type"] = "application/json";

    const maxRetries = options?.maxRetries ?? this.#maxRetries;
    const key = options?.idempotencyKey ?? headers["idempotency-key"] ??
      (spec.method === "POST" && maxRetries > 0 ? newKey() : undefined);
    if (key !== undefined) headers["idempotency-key"] = key;

    return {
      fetcher,
      Headers: api.Headers,
      url: url.toString(),
      init: { method: spec.method, headers, body },
      maxRetries,
      timeoutMs: 1000 * (options?.timeoutInSeconds ?? this.#timeoutInSeconds),
    };
  }

  async #send<T>(
    spec: RequestSpec<T>,
    prepared: Prepared,
    options: RequestOptions | undefined,
  ): Promise<WithRawResponse<T>> {
    const request = { method: spec.method, path: spec.path };
    const signal = options?.abortSignal;
    // A local, so that fetch is never called as a method of another object.
    const fetcher = prepared.fetcher;

    for (let attempt = 0;; attempt++) {
      signal?.throwIfAborted();
      if (this.#debug) {
        this.#log("debug", `${spec.method} ${spec.path}`, { attempt });
      }
      const outcome = await attemptOnce(
        fetcher,
        prepared.url,
        prepared.init,
        prepared.timeoutMs,
        signal,
      );
      let error: WorkOSError;
      let retryAfterMs: number | undefined;

      if ("failure" in outcome) {
        error = outcome.failure === "timeout"
          ? new TimeoutError(
            `Timed out ${spec.method} ${spec.path}: no complete answer within the attempt timeout of ${
              prepared.timeoutMs / 1000
            } s (timeoutInSeconds) while ${outcome.phase}`,
            { request, cause: outcome.cause, headers: new prepared.Headers() },
          )
          : new ConnectionError(
            `Connection failed ${spec.method} ${spec.path}: ${
              messageOfCause(outcome.cause)
            }`,
            { request, cause: outcome.cause, headers: new prepared.Headers() },
          );
      } else {
        const { response, text } = outcome;
        if (response.ok) {
          return {
            data: decodeSuccess(spec, response, text),
            rawResponse: rawOf(response, prepared.url),
          };
        }
        error = errorFromResponse(
          response.status,
          decodeError(text),
          response.headers,
          request,
        );
        if (!isRetryableStatus(response.status)) {
          this.#log("error", error.message);
          throw error;
        }
        retryAfterMs = parseRetryAfter(
          response.headers.get("retry-after"),
          Date.now(),
        );
      }

      // Out of attempts: the last error stands, with the count.
      if (attempt >= prepared.maxRetries) {
        if (attempt > 0) withAttempts(error, attempt + 1);
        this.#log("error", error.message);
        throw error;
      }

      // The API asked for a longer wait than we honour: fail now rather
      // than hold the caller.
      if (retryAfterMs !== undefined && retryAfterMs > this.#maxRetryAfterMs) {
        this.#log("error", `${error.message} (Retry-After exceeds the cap)`);
        throw error;
      }

      const delay = retryAfterMs ??
        backoffDelay(attempt, this.#initialDelayMs, this.#maxDelayMs);
      this.#log("warn", `Retrying ${spec.method} ${spec.path}`, {
        attempt: attempt + 1,
        delayMs: Math.round(delay),
        reason: error.statusCode ?? error.name,
      });
      await sleep(delay, signal);
    }
  }

  #requireApiKey(summary: string): string {
    const key = this.#apiKey ?? readEnv("WORKOS_API_KEY");
    if (key === undefined) {
      throw new TypeError(
        `Cannot send ${summary} as no API key is set: pass 'authorizationToken' to new WorkOSClient() or set the WORKOS_API_KEY environment variable`,
      );
    }
    return key;
  }

  #requireClientId(summary: string): string {
    const id = this.clientId;
    if (id === undefined) {
      throw new TypeError(
        `Cannot send ${summary} as no client id is set: pass 'clientId' to new WorkOSClient() or set the WORKOS_CLIENT_ID environment variable`,
      );
    }
    return id;
  }
}

/**
 * Sets headers by their lower-cased names, so that a later source
 * replaces an earlier one whatever the case it used, as `Headers.set`
 * would. Names and values were checked by `checkHeaders`.
 */
function addHeaders(
  target: Record<string, string>,
  headers: Record<string, string> | undefined,
): void {
  if (headers === undefined) return;
  for (const name of Object.keys(headers)) {
    target[name.toLowerCase()] = headers[name];
  }
}

/** The `User-Agent` value; `undefined` where scripts may not set it. */
function userAgent(): string | undefined {
  return canSetUserAgent()
    ? `workos-sdk/${VERSION} ${runtimeName()}`
    : undefined;
}

interface Prepared {
  fetcher: Fetcher;
  Headers: typeof Headers;
  url: string;
  init: RequestInit;
  maxRetries: number;
  timeoutMs: number;
}

type Outcome =
  | { response: Response; text: string }
  | {
    failure: "timeout" | "network";
    phase: "waiting for headers" | "reading the body";
    cause: unknown;
  };

// Limitation: each attempt creates an AbortController and a timer for its
// timeout, and hands the signal to fetch. That is most of what a call
// costs over bare fetch (`deno task bench`): undici, under Node, gives each
// request with a signal a WeakRef, a finalizer and an abort listener
// (15 to 35 µs of CPU a call, 5 to 10% of a loopback call), and Deno's
// Node-compatible setTimeout costs about 10 µs. fetch has no cheaper way
// to put a deadline on a request, and a timer shared between calls would
// not survive runtimes that cancel a request's timers when it ends.

/**
 * One attempt: fetch and read the whole body under the attempt's timeout.
 * A caller's abort is rethrown as the signal's reason; anything else that
 * goes wrong is returned as a failure the retry loop judges.
 */
async function attemptOnce(
  fetcher: Fetcher,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException("Attempt timed out", "TimeoutError"));
  }, timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  let phase: "waiting for headers" | "reading the body" = "waiting for headers";
  try {
    const response = await fetcher(url, {
      ...init,
      signal: controller.signal,
    });
    phase = "reading the body";
    const text = await response.text();
    return { response, text };
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    return { failure: timedOut ? "timeout" : "network", phase, cause };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

function decodeSuccess<T>(
  spec: RequestSpec<T>,
  response: Response,
  text: string,
): T {
  const request = { method: spec.method, path: spec.path };
  if (text.trim() === "") {
    if (spec.parse === undefined || spec.optionalBody) return undefined as T;
    throw new WorkOSError(
      `${response.status} ${spec.method} ${spec.path}: expected a JSON body but the answer was empty`,
      {
        statusCode: response.status,
        body: text,
        headers: response.headers,
        request,
      },
    );
  }
  let wire: unknown;
  try {
    wire = JSON.parse(text);
  } catch (cause) {
    if (spec.parse === undefined) return text as T;
    throw new WorkOSError(
      `${response.status} ${spec.method} ${spec.path}: expected a JSON body but it could not be parsed`,
      {
        statusCode: response.status,
        body: text,
        headers: response.headers,
        request,
        cause,
      },
    );
  }
  return spec.parse === undefined ? wire as T : spec.parse(wire);
}

function readList(
  wire: unknown,
  spec: { method: string; path: string },
): unknown[] {
  const data = (wire as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) {
    throw new TypeError(
      `Cannot read the list from ${spec.method} ${spec.path} as its body has no 'data' array`,
    );
  }
  return data;
}

function readListMetadata(wire: unknown): ListMetadata {
  const meta = (wire as { list_metadata?: Partial<ListMetadata> })
    .list_metadata;
  return { before: meta?.before ?? null, after: meta?.after ?? null };
}

function decodeError(text: string): unknown {
  if (text.trim() === "") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function rawOf(response: Response, url: string) {
  return {
    statusCode: response.status,
    headers: response.headers,
    requestId: response.headers.get("x-request-id") ?? undefined,
    url,
  };
}

function withAttempts(error: WorkOSError, attempts: number): WorkOSError {
  error.message = `${error.message} (after ${attempts} attempts)`;
  return error;
}

function messageOfCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    const detail = inner instanceof Error ? `: ${inner.message}` : "";
    return `${cause.message}${detail}`;
  }
  return String(cause);
}

function parseBaseUrl(value: unknown): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new TypeError(
      `Cannot use 'baseUrl' as it must be an absolute http(s) URL: received ${
        describe(value)
      }`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(
      `Cannot use 'baseUrl' as it must be an absolute http(s) URL: received ${
        describe(value)
      }`,
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function newKey(): string {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  if (typeof crypto?.randomUUID === "function") return crypto.randomUUID();
  // Runtimes without WebCrypto on the global (Node 18 by default): a key
  // only has to be unique, not secret.
  const hex = () =>
    Math.floor(Math.random() * 0x10000).toString(16).padStart(4, "0");
  return `${hex()}${hex()}-${hex()}-4${
    hex().slice(1)
  }-${hex()}-${hex()}${hex()}${hex()}`;
}
