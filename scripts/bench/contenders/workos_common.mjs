/**
 * This SDK as a contender, given its `WorkOSClient` class: the npm build
 * under Node (workos_npm.mjs) and the source under Deno (workos_deno.mjs)
 * share it.
 *
 * @module
 */

/**
 * Builds the contender's two calls against the bench server.
 *
 * @param {typeof import("../../../mod.ts").WorkOSClient} WorkOSClient
 * @param {string} baseUrl The server's origin.
 * @param {string} apiKey The bearer token.
 */
export function createWorkOSContender(WorkOSClient, baseUrl, apiKey) {
  const workos = new WorkOSClient({ authorizationToken: apiKey, baseUrl });
  return {
    getOrganization(id) {
      return workos.organizations.get(id);
    },
    async walkOrganizations(limit, each) {
      let seen = 0;
      for await (const item of workos.organizations.list({ limit: 100 })) {
        each(item);
        if (++seen >= limit) break;
      }
      return seen;
    },
  };
}
