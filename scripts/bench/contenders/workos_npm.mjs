/**
 * This SDK's npm build, installed from its packed tarball, under Node.
 *
 * @module
 */

import { WorkOSClient } from "workos";
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
