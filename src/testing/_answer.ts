/**
 * Answers the fake's routes produce, before they are written to a socket.
 *
 * @module
 */

import { STATUS_CODES } from "node:http";

/** A complete answer: status, headers and body text. */
export class Answer {
  /**
   * @param status The HTTP status.
   * @param headers The headers, with lower-case names.
   * @param body The body text.
   */
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: string,
  ) {}
}

/** One field that failed validation, as in a 422 answer. */
export interface FieldError {
  field: string;
  code: string;
}

/**
 * Builds a JSON answer.
 *
 * @param status The HTTP status.
 * @param value The value to send as JSON.
 * @returns The answer.
 */
export function json(status: number, value: unknown): Answer {
  return new Answer(
    status,
    { "content-type": "application/json; charset=utf-8" },
    JSON.stringify(value),
  );
}

/**
 * Builds an answer without a body.
 *
 * @param status The HTTP status.
 * @returns The answer.
 */
export function empty(status: number): Answer {
  return new Answer(status, {}, "");
}

/**
 * Builds an error answer in the API's `{ message, code }` shape.
 *
 * @param status The HTTP status.
 * @param code The machine-readable error code.
 * @param message The human-readable message.
 * @param errors Field errors, for validation failures.
 * @returns The answer.
 */
export function failure(
  status: number,
  code: string,
  message: string,
  errors?: FieldError[],
): Answer {
  return json(status, errors ? { message, code, errors } : { message, code });
}

/**
 * Builds a 422 answer for invalid parameters.
 *
 * @param message The human-readable message.
 * @param errors The fields at fault.
 * @returns The answer.
 */
export function invalid(message: string, errors: FieldError[]): Answer {
  return failure(422, "invalid_request_parameters", message, errors);
}

/**
 * Builds a 404 answer for an object that does not exist.
 *
 * @param kind The kind of object, for the message.
 * @param id The id or external id that was looked up.
 * @returns The answer.
 */
export function notFound(kind: string, id: string): Answer {
  return failure(404, "entity_not_found", `Could not find ${kind}: ${id}`);
}

const CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  408: "request_timeout",
  409: "conflict",
  422: "invalid_request_parameters",
  429: "rate_limit_exceeded",
  500: "internal_server_error",
  502: "bad_gateway",
  503: "service_unavailable",
  504: "gateway_timeout",
};

/**
 * Builds the answer of a fault with a status or a body.
 *
 * @param status The status, or `undefined` for 200.
 * @param body The body: a string is sent as HTML, anything else as JSON,
 * and `undefined` as the default error body of the status.
 * @returns The answer.
 */
export function faultAnswer(
  status: number | undefined,
  body: unknown,
): Answer {
  const code = status ?? 200;
  if (typeof body === "string") {
    return new Answer(
      code,
      { "content-type": "text/html; charset=utf-8" },
      body,
    );
  }
  if (body !== undefined) return json(code, body);
  if (code < 400) return json(code, {});
  return failure(
    code,
    CODES[code] ?? (code >= 500 ? "server_error" : "client_error"),
    STATUS_CODES[code] ?? `HTTP ${code}`,
  );
}
