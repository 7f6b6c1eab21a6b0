/**
 * A TypeScript client for the WorkOS REST API that runs in Deno, Node,
 * Bun, Cloudflare Workers and Vercel Edge.
 *
 * @example Create an organization
 * ```ts
 * import { WorkOSClient } from "@workos/workos";
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * const fake = await startFakeWorkOS();
 * const workos = new WorkOSClient({
 *   authorizationToken: fake.apiKey,
 *   baseUrl: fake.url,
 * });
 * const org = await workos.organizations.create({ name: "Foo Corp" });
 * console.log(org.id);
 * await fake.close();
 * ```
 *
 * @module
 */

export { WorkOSClient } from "./src/client.ts";
export { CoreClient } from "./src/core/core_client.ts";
export type { HttpMethod, RequestSpec } from "./src/core/core_client.ts";
export type {
  BackoffOptions,
  ClientOptions,
  Fetcher,
  RequestOptions,
} from "./src/core/options.ts";
export type { Logger, LogLevel } from "./src/core/logger.ts";
export { APIPromise } from "./src/core/api_promise.ts";
export type { RawResponse, WithRawResponse } from "./src/core/api_promise.ts";
export { Page, PagePromise } from "./src/core/pagination.ts";
export type { ListMetadata, PageFetcher } from "./src/core/pagination.ts";
export { buildPath } from "./src/core/url.ts";
export {
  BadRequestError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableEntityError,
  WorkOSError,
} from "./src/core/errors.ts";
export type { RequestSummary, WorkOSErrorInit } from "./src/core/errors.ts";
export { VERSION } from "./src/core/version.ts";
