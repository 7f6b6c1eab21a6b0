import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  BadRequestError,
  ConflictError,
  errorFromResponse,
  ForbiddenError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  UnauthorizedError,
  UnprocessableEntityError,
  WorkOSError,
} from "../../src/core/errors.ts";

const request = { method: "GET", path: "/organizations/org_1" };

describe("errorFromResponse()", () => {
  const cases: Array<[number, typeof WorkOSError]> = [
    [400, BadRequestError],
    [401, UnauthorizedError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, WorkOSError],
  ];
  for (const [status, ErrorClass] of cases) {
    it(`maps ${status} to ${ErrorClass.name}`, () => {
      const error = errorFromResponse(status, {}, new Headers(), request);
      assert.equal(error.constructor, ErrorClass);
      assert.equal(error.name, ErrorClass.name);
      assert.equal(error.statusCode, status);
      assert.ok(error instanceof WorkOSError);
    });
  }

  it("leads the message with status, method and path, then message, code and request id", () => {
    const error = errorFromResponse(
      404,
      { message: "Organization not found", code: "entity_not_found" },
      new Headers({ "x-request-id": "req_123" }),
      request,
    );
    assert.equal(
      error.message,
      "404 GET /organizations/org_1 Organization not found (code: entity_not_found) [request id: req_123]",
    );
    assert.equal(error.code, "entity_not_found");
    assert.equal(error.requestId, "req_123");
  });

  it("takes the code from an OAuth-style 'error' field", () => {
    const error = errorFromResponse(
      400,
      { error: "invalid_grant", error_description: "Code expired" },
      new Headers(),
      request,
    );
    assert.equal(error.code, "invalid_grant");
    assert.match(error.message, /Code expired \(code: invalid_grant\)/);
  });

  it("keeps a non-JSON body as text and shortens it in the message", () => {
    const html = `<html><body>${"Bad gateway ".repeat(40)}</body></html>`;
    const error = errorFromResponse(502, html, new Headers(), request);
    assert.equal(error.body, html);
    assert.equal(error.code, undefined);
    assert.ok(error.message.startsWith("502 GET /organizations/org_1 <html>"));
    assert.ok(error.message.length < 300);
  });

  it("lifts the errors list of a 422", () => {
    const errors = [{ field: "name", code: "name_required" }];
    const error = errorFromResponse(
      422,
      { message: "Invalid", errors },
      new Headers(),
      request,
    );
    assert.ok(error instanceof UnprocessableEntityError);
    assert.deepEqual(error.errors, errors);
  });

  it("reads retryAfter of a 429 in seconds", () => {
    const error = errorFromResponse(
      429,
      "",
      new Headers({ "retry-after": "7" }),
      request,
    );
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.retryAfter, 7);
  });
});
