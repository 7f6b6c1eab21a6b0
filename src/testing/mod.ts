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
 * });
 * fake.seedOrganizations(3);
 * fake.injectFault({ path: "/organizations", status: 503 });
 * console.log(workos.baseUrl, fake.countObjects("organizations"));
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
