/**
 * A local fake of the WorkOS API for tests: a real HTTP server on
 * 127.0.0.1 that keeps organizations and users in memory, records every
 * request, and injects faults (error statuses, delays, stalled or cut
 * bodies, dropped connections) on demand. It runs in Deno, Node and Bun.
 *
 * @example Test a client against the fake
 * ```ts
 * import { WorkOSClient } from "@workos/workos";
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * await using fake = await startFakeWorkOS();
 * const workos = new WorkOSClient({
 *   authorizationToken: fake.apiKey,
 *   baseUrl: fake.url,
 *   backoff: { initialDelayInSeconds: 0.01 },
 * });
 * // The first attempt fails; the client retries with the same key.
 * fake.injectFault({ method: "POST", path: "/organizations", status: 503 });
 * await workos.request(
 *   { method: "POST", path: "/organizations", body: { name: "Foo Corp" } },
 *   { idempotencyKey: "create-foo" },
 * );
 * console.log(fake.requests.map((r) => r.headers["idempotency-key"]));
 * console.log(fake.countObjects("organizations")); // 1
 * ```
 *
 * @module
 */

export { startFakeWorkOS } from "./fake_workos.ts";
export type {
  FakeWorkOS,
  FakeWorkOSOptions,
  RecordedRequest,
} from "./fake_workos.ts";
export type { FaultSpec } from "./faults.ts";
export type {
  WireList,
  WireOrganization,
  WireOrganizationDomain,
  WireUser,
} from "./wire_types.ts";
