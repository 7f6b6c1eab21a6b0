/**
 * The official `@workos-inc/node` SDK, pinned in scripts/bench/package.json,
 * under Node, pointed at the bench server with its `apiHostname`, `port`
 * and `https` options.
 *
 * @module
 */

import { WorkOS } from "@workos-inc/node";

/**
 * Builds the contender's two calls against the bench server.
 *
 * @param {string} baseUrl The server's origin.
 * @param {string} apiKey The bearer token.
 */
export function createContender(baseUrl, apiKey) {
  const url = new URL(baseUrl);
  const workos = new WorkOS(apiKey, {
    apiHostname: url.hostname,
    port: Number(url.port),
    https: false,
  });
  return {
    getOrganization(id) {
      return workos.organizations.getOrganization(id);
    },
    // Its own auto-pagination (`autoPagination()`) sleeps 350 ms between
    // pages to stay under the API's rate limit, which would measure the
    // sleep; its pages are walked by cursor instead, as a caller who wants
    // speed would.
    async walkOrganizations(limit, each) {
      let seen = 0;
      let after;
      do {
        const page = await workos.organizations.listOrganizations({
          limit: 100,
          after,
        });
        for (const item of page.data) {
          each(item);
          if (++seen >= limit) return seen;
        }
        after = page.listMetadata.after ?? undefined;
      } while (after !== undefined);
      return seen;
    },
  };
}
