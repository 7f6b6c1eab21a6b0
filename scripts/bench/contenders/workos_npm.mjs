/**
 * This SDK's npm build, installed from its packed tarball, under Node.
 *
 * @module
 */

import { createWorkOSContender } from "./workos_common.mjs";

// The name sits in a variable: `deno check scripts/` cannot resolve the
// packed npm build, which only Node loads.
const PACKAGE = "workos";
const { WorkOSClient } = await import(PACKAGE);

/**
 * Builds the contender's two calls against the bench server.
 *
 * @param {string} baseUrl The server's origin.
 * @param {string} apiKey The bearer token.
 */
export function createContender(baseUrl, apiKey) {
  return createWorkOSContender(WorkOSClient, baseUrl, apiKey);
}
