/**
 * The client facade over every resource group.
 *
 * @module
 */

import { CoreClient } from "./core/core_client.ts";

/**
 * The WorkOS API client: one property per resource group, each built on
 * first use.
 *
 * @example Create a client
 * ```ts
 * import { WorkOSClient } from "@workos/workos";
 *
 * const workos = new WorkOSClient({ authorizationToken: "sk_test_123" });
 * console.log(workos.baseUrl);
 * ```
 */
export class WorkOSClient extends CoreClient {}
