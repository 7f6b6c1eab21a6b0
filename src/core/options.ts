/**
 * Options of the client and of each request, and their validation.
 *
 * @module
 */

import type { Logger, LogLevel } from "./logger.ts";

/** A function with the signature of the global `fetch`. */
export type Fetcher = (
  input: Request | URL | string,
  init?: RequestInit,
) => Promise<Response>;

/** How long the client waits between attempts. */
export interface BackoffOptions {
  /** Delay before the first retry, in seconds; doubles each retry. Default 0.5. */
  initialDelayInSeconds?: number;
  /** The longest computed delay between attempts, in seconds. Default 8. */
  maxDelayInSeconds?: number;
  /**
   * The longest `Retry-After` the client honours, in seconds. A longer one
   * ends the retries and the error is thrown at once. Default 60.
   */
  maxRetryAfterInSeconds?: number;
}

/** Options of a {@link WorkOSClient}. Every field is optional. */
export interface ClientOptions {
  /** The API key (`sk_...`). Defaults to the `WORKOS_API_KEY` variable. */
  authorizationToken?: string;
  /** The client id (`client_...`). Defaults to `WORKOS_CLIENT_ID`. */
  clientId?: string;
  /** The API origin. Defaults to `https://api.workos.com`. */
  baseUrl?: string;
  /** A fetch-compatible function. Defaults to the global `fetch`. */
  fetcher?: Fetcher;
  /** Retries after a failed attempt. Default 2; 0 turns retries off. */
  maxRetries?: number;
  /** The timeout of each attempt, in seconds, body included. Default 60. */
  timeoutInSeconds?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Where log lines go. Defaults to the console once a level is set. */
  logger?: Logger;
  /** The lowest level logged. Default `"silent"`. */
  logLevel?: LogLevel;
  /** The delays between attempts. */
  backoff?: BackoffOptions;
}

/** Options every method takes as its last argument. */
export interface RequestOptions {
  /** Retries for this call, overriding the client's. */
  maxRetries?: number;
  /** The timeout of each attempt of this call, in seconds. */
  timeoutInSeconds?: number;
  /** The `Idempotency-Key` sent with every attempt of this call. */
  idempotencyKey?: string;
  /** Aborts the call, including a wait between attempts. */
  abortSignal?: AbortSignal;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** Extra query parameters for this call. */
  queryParams?: Record<string, unknown>;
}

/** Throws a `RangeError` unless `value` is a whole number of at least 0. */
export function checkRetries(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new RangeError(
      `Cannot use '${name}' as it must be a whole number of at least 0: received ${
        describe(value)
      }`,
    );
  }
}

/**
 * The longest wait a timer can hold: runtimes store the delay as a signed
 * 32-bit count of milliseconds and fire at once (after a console warning)
 * when it is longer, so a longer timeout would mean no timeout at all.
 */
export const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/**
 * Throws a `RangeError` unless `value` is a number of seconds above 0 and
 * at most {@link MAX_SECONDS} (about 24 days).
 */
export function checkSeconds(name: string, value: unknown): void {
  if (value === undefined) return;
  if (
    typeof value !== "number" || !Number.isFinite(value) || value <= 0 ||
    value > MAX_SECONDS
  ) {
    throw new RangeError(
      `Cannot use '${name}' as it must be a number of seconds above 0 and at most ${MAX_SECONDS} (about 24 days): received ${
        describe(value)
      }`,
    );
  }
}

/** Throws a `TypeError` unless `value` is a plain record of strings. */
export function checkHeaders(name: string, value: unknown): void {
  if (value === undefined) return;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(
      `Cannot use '${name}' as it must be an object of header names to strings: received ${
        describe(value)
      }`,
    );
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") {
      throw new TypeError(
        `Cannot use '${name}' as header '${key}' must be a string: received ${
          describe(item)
        }`,
      );
    }
    // The value is left out of the message: headers carry credentials.
    if (!isValidHeader(key, item)) {
      throw new TypeError(
        `Cannot use '${name}' as header ${
          JSON.stringify(key)
        } must have a token name and a value without line breaks or characters above U+00FF: received an invalid name or value`,
      );
    }
  }
}

/** Whether `fetch` would accept this header, so it fails here, named. */
function isValidHeader(name: string, value: string): boolean {
  try {
    new Headers([[name, value]]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Validates the options of one call before anything is sent.
 *
 * @param options The caller's request options.
 * @throws {RangeError} When a number is out of range.
 * @throws {TypeError} When an option has the wrong type.
 */
export function checkRequestOptions(options: RequestOptions | undefined): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      `Cannot use the request options as they must be an object: received ${
        describeKind(options)
      }`,
    );
  }
  checkRetries("maxRetries", options.maxRetries);
  checkSeconds("timeoutInSeconds", options.timeoutInSeconds);
  checkHeaders("headers", options.headers);
  const key = options.idempotencyKey;
  if (
    key !== undefined &&
    (typeof key !== "string" || key.trim() === "" ||
      !isValidHeader("idempotency-key", key))
  ) {
    throw new TypeError(
      `Cannot use 'idempotencyKey' as it must be a non-empty string that fits in a header, without line breaks or characters above U+00FF: received ${
        describe(key)
      }`,
    );
  }
  const signal = options.abortSignal;
  if (
    signal !== undefined &&
    (signal === null || typeof signal !== "object" ||
      typeof signal.aborted !== "boolean" ||
      typeof signal.addEventListener !== "function")
  ) {
    throw new TypeError(
      `Cannot use 'abortSignal' as it must be an AbortSignal: received ${
        describe(signal)
      }`,
    );
  }
  const query = options.queryParams;
  if (
    query !== undefined &&
    (query === null || typeof query !== "object" || Array.isArray(query))
  ) {
    throw new TypeError(
      `Cannot use 'queryParams' as it must be an object: received ${
        describeKind(query)
      }`,
    );
  }
}

/** A short, secret-free description of a value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === "string") {
    // Wherever it was passed, an API key is not shown.
    if (/^\s*sk_/.test(value)) return "an API key (sk_…, not shown)";
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  return `a value of type ${typeof value}`;
}

/**
 * Describes a value given where an object of options or params was due by
 * its kind only: a string there is often a credential passed on its own,
 * as other SDKs take it, and is not shown.
 *
 * @param value Any value.
 * @returns A description without the value of a string.
 */
export function describeKind(value: unknown): string {
  if (typeof value === "string") {
    return `a string of ${value.length} characters`;
  }
  return describe(value);
}
