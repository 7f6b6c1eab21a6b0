/**
 * Operations that do not behave like the rest, by `METHOD /path`.
 *
 * @module
 */

/**
 * Redirect endpoints: the browser goes there, so the SDK only builds the
 * URL and sends nothing. A `client_id` query parameter is filled from the
 * client's options.
 */
export const URL_BUILDERS: ReadonlySet<string> = new Set([
  "GET /sso/authorize",
  "GET /sso/logout",
  "GET /user_management/authorize",
  "GET /user_management/sessions/logout",
]);

/**
 * Endpoints that authenticate with the client id and the API key (as
 * client secret) in the JSON body: the client fills in these wire fields,
 * so they are not part of the params.
 */
// `publicWith` names the body field that lets a public client (a PKCE app
// with no API key) authenticate: the core then sends no secret.
export const BODY_CREDENTIALS: Readonly<
  Record<
    string,
    { clientId?: string; clientSecret?: string; publicWith?: string }
  >
> = {
  "POST /sso/token": { clientId: "client_id", clientSecret: "client_secret" },
  "POST /user_management/authenticate": {
    clientId: "client_id",
    clientSecret: "client_secret",
    publicWith: "code_verifier",
  },
  "POST /user_management/authorize/device": { clientId: "client_id" },
};
