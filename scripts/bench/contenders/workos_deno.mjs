/**
 * This SDK's TypeScript source, under Deno.
 *
 * @module
 */

import { WorkOSClient } from "../../../mod.ts";
import { createWorkOSContender } from "./workos_common.mjs";

/**
 * Builds the contender's two calls against the bench server.
 *
 * @param {string} baseUrl The server's origin.
 * @param {string} apiKey The bearer token.
 */
export function createContender(baseUrl, apiKey) {
  return createWorkOSContender(WorkOSClient, baseUrl, apiKey);
}
