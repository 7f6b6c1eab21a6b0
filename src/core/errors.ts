/**
 * The errors the client throws. Failed API answers are {@link WorkOSError}
 * subclasses chosen by status; failures to get an answer at all are
 * {@link ConnectionError} and {@link TimeoutError}.
 *
 * @module
 */

/** What an error knows about the request that failed. */
export interface RequestSummary {
  /** The HTTP method, upper case. */
  method: string;
  /** The path of the request, without the query. */
  path: string;
}

/** The fields an API error is built from. */
export interface WorkOSErrorInit {
  /** The HTTP status, absent when no answer arrived. */
  statusCode?: number;
  /** The decoded JSON body, or the raw text when the body is not JSON. */
  body?: unknown;
  /** The response headers. */
  headers?: Headers;
  /** The request that failed. */
  request?: RequestSummary;
  /** The underlying failure, if any. */
  cause?: unknown;
}

/**
 * Base class of every error the WorkOS API client throws about a request.
 *
 * @example Branch on the error class
 * ```ts
 * import { NotFoundError, WorkOSError } from "@workos/workos";
 *
 * const error: unknown = new NotFoundError("404 GET /organizations/org_1", {
 *   statusCode: 404,
 * });
 * if (error instanceof WorkOSError) console.log(error.statusCode);
 * ```
 */
export class WorkOSError extends Error {
  /** The HTTP status of the answer, or `undefined` when none arrived. */
  readonly statusCode: number | undefined;
  /** The decoded JSON body, or its raw text when it was not JSON. */
  readonly body: unknown;
  /** The error code from the body's `code` or `error` field. */
  readonly code: string | undefined;
  /** The `X-Request-ID` header of the answer, for support requests. */
  readonly requestId: string | undefined;
  /** The headers of the answer (empty when none arrived). */
  readonly headers: Headers;
  /** The method and path of the request that failed. */
  readonly request: RequestSummary | undefined;

  /**
   * Builds an error; the client does this, applications rarely need to.
   *
   * @param message What failed.
   * @param init The answer and request the error describes.
   */
  constructor(message: string, init: WorkOSErrorInit = {}) {
    super(
      message,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = new.target.name;
    this.statusCode = init.statusCode;
    this.body = init.body;
    this.headers = init.headers ?? new Headers();
    this.request = init.request;
    this.requestId = this.headers.get("x-request-id") ?? undefined;
    this.code = codeOf(init.body);
  }
}

/** The API refused the request as malformed (400). */
export class BadRequestError extends WorkOSError {}

/** The API key is missing, wrong or revoked (401). */
export class UnauthorizedError extends WorkOSError {}

/** The API key may not do this (403). */
export class ForbiddenError extends WorkOSError {}

/** The object or route does not exist (404). */
export class NotFoundError extends WorkOSError {}

/** The request conflicts with the current state of an object (409). */
export class ConflictError extends WorkOSError {}

/** A field failed validation (422); see {@link UnprocessableEntityError.errors}. */
export class UnprocessableEntityError extends WorkOSError {
  /** The per-field problems from the body's `errors` list. */
  readonly errors: ReadonlyArray<{ code?: string; field?: string }>;

  /**
   * Builds the error and lifts the body's `errors` list.
   *
   * @param message What failed.
   * @param init The answer and request the error describes.
   */
  constructor(message: string, init: WorkOSErrorInit = {}) {
    super(message, init);
    const errors = (init.body as { errors?: unknown } | undefined)?.errors;
    this.errors = Array.isArray(errors) ? errors : [];
  }
}

/** Too many requests (429); see {@link RateLimitError.retryAfter}. */
export class RateLimitError extends WorkOSError {
  /** Seconds the API asked to wait, from `Retry-After`, if it said. */
  readonly retryAfter: number | undefined;

  /**
   * Builds the error and reads `Retry-After`.
   *
   * @param message What failed.
   * @param init The answer and request the error describes.
   */
  constructor(message: string, init: WorkOSErrorInit = {}) {
    super(message, init);
    const ms = parseRetryAfter(this.headers.get("retry-after"), Date.now());
    this.retryAfter = ms === undefined ? undefined : ms / 1000;
  }
}

/** The API failed on its side (5xx). */
export class InternalServerError extends WorkOSError {}

/** No answer arrived: the connection failed, reset or was refused. */
export class ConnectionError extends WorkOSError {}

/** No complete answer arrived within the timeout of an attempt. */
export class TimeoutError extends ConnectionError {}

const STATUS_CLASSES: Record<number, typeof WorkOSError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/**
 * Maps a non-2xx answer to the error class a caller branches on.
 *
 * @param status The HTTP status.
 * @param body The decoded body, or its text when it is not JSON.
 * @param headers The response headers.
 * @param request The method and path of the request.
 * @returns The error to throw.
 */
export function errorFromResponse(
  status: number,
  body: unknown,
  headers: Headers,
  request: RequestSummary,
): WorkOSError {
  const ErrorClass = STATUS_CLASSES[status] ??
    (status >= 500 ? InternalServerError : WorkOSError);
  const parts = [`${status} ${request.method} ${request.path}`];
  const detail = messageOf(body);
  if (detail) parts.push(detail);
  const code = codeOf(body);
  if (code && code !== detail) parts.push(`(code: ${code})`);
  const requestId = headers.get("x-request-id");
  if (requestId) parts.push(`[request id: ${requestId}]`);
  return new ErrorClass(parts.join(" "), {
    statusCode: status,
    body,
    headers,
    request,
  });
}

/**
 * Reads a `Retry-After` value, in seconds or as an HTTP date.
 *
 * @param value The header value, if any.
 * @param now The current time in milliseconds since the epoch.
 * @returns The delay in milliseconds, or `undefined` when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null,
  now: number,
): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its weekday and month; bare numbers such as "-1"
  // would otherwise parse as years.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function messageOf(body: unknown): string | undefined {
  if (typeof body === "string") {
    const text = body.trim().replace(/\s+/g, " ");
    if (text === "") return undefined;
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
  if (body === null || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ["message", "error_description", "error"]) {
    if (typeof record[key] === "string" && record[key] !== "") {
      return record[key] as string;
    }
  }
  return undefined;
}

function codeOf(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.code === "string") return record.code;
  if (typeof record.error === "string") return record.error;
  return undefined;
}
