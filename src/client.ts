/**
 * The client facade over every resource group.
 *
 * @module
 */

import { WorkOSClientBase } from "./resources/client_base.ts";

/**
 * The WorkOS API client: one property per resource group, each built on
 * first use. The groups come from the generated `WorkOSClientBase`; this
 * class is where hand-written additions to the facade go.
 *
 * @example Create a client
 * ```ts
 * import { WorkOSClient } from "@workos/workos";
 *
 * const workos = new WorkOSClient({ authorizationToken: "sk_test_123" });
 * console.log(workos.baseUrl);
 * ```
 */
export class WorkOSClient extends WorkOSClientBase {}
