/**
 * The floor: the global `fetch` and `JSON.parse`, nothing else. Used under
 * Node and under Deno.
 *
 * @module
 */

/**
 * Builds the contender's two calls against the bench server.
 *
 * @param {string} baseUrl The server's origin.
 * @param {string} apiKey The bearer token.
 */
export function createContender(baseUrl, apiKey) {
  const headers = {
    accept: "application/json",
    authorization: `Bearer ${apiKey}`,
  };
  const getJson = async (url) => {
    const response = await fetch(url, { headers });
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status} GET ${url}`);
    return JSON.parse(text);
  };
  return {
    getOrganization(id) {
      return getJson(`${baseUrl}/organizations/${encodeURIComponent(id)}`);
    },
    async walkOrganizations(limit, each) {
      let seen = 0;
      let after = null;
      do {
        const cursor = after === null
          ? ""
          : `&after=${encodeURIComponent(after)}`;
        const page = await getJson(
          `${baseUrl}/organizations?limit=100${cursor}`,
        );
        for (const item of page.data) {
          each(item);
          if (++seen >= limit) return seen;
        }
        after = page.list_metadata.after;
      } while (after !== null);
      return seen;
    },
  };
}
