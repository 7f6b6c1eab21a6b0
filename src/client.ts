/**
 * The client facade over every resource group and helper.
 *
 * @module
 */

// Limitation: importing the facade loads every resource group and helper,
// 63 ES modules in the npm build. Node 20 spends about half a millisecond
// on each, so a cold start that imports it and builds a client takes 1.7
// times as long as a bare process (`deno task bench`); one group on a
// CoreClient, imported from its subpath, takes 1.2 times (1.1 under Deno).
// A getter cannot load a module on first use, as an ES module import is
// asynchronous.
import { AccessTokens } from "./helpers/access_tokens.ts";
import { Actions } from "./helpers/actions.ts";
import { AuthUrls } from "./helpers/auth_urls.ts";
import { Pkce } from "./helpers/pkce.ts";
import { Sessions } from "./helpers/sessions.ts";
import { Webhooks } from "./helpers/webhooks.ts";
import { WorkOSClientBase } from "./resources/client_base.ts";

/**
 * The WorkOS API client: one property per resource group and per helper,
 * each built on first use. The groups come from the generated
 * `WorkOSClientBase`; the helpers (webhooks, Actions, URLs, PKCE, access
 * tokens, sessions) are added here.
 *
 * @example Create a client
 * ```ts
 * import { WorkOSClient } from "@workos/workos";
 *
 * const workos = new WorkOSClient({ authorizationToken: "sk_test_123" });
 * console.log(workos.baseUrl);
 * ```
 */
export class WorkOSClient extends WorkOSClientBase {
  #webhooks?: Webhooks;
  #actions?: Actions;
  #pkce?: Pkce;
  #authUrls?: AuthUrls;
  #accessTokens?: AccessTokens;
  #sessions?: Sessions;

  /**
   * Webhook signature verification and signing.
   *
   * @returns The helper, built on first use.
   */
  get webhooks(): Webhooks {
    return this.#webhooks ??= new Webhooks();
  }

  /**
   * Action request verification and response signing.
   *
   * @returns The helper, built on first use.
   */
  get actions(): Actions {
    return this.#actions ??= new Actions();
  }

  /**
   * PKCE code verifiers and challenges.
   *
   * @returns The helper, built on first use.
   */
  get pkce(): Pkce {
    return this.#pkce ??= new Pkce();
  }

  /**
   * SSO and AuthKit authorization, logout and JWKS URL builders.
   *
   * @returns The helper, built on first use.
   */
  get authUrls(): AuthUrls {
    return this.#authUrls ??= new AuthUrls(this);
  }

  /**
   * AuthKit access token verification against the client's JWKS.
   *
   * @returns The helper, built on first use.
   */
  get accessTokens(): AccessTokens {
    return this.#accessTokens ??= new AccessTokens(this);
  }

  /**
   * Sealed session cookies: seal, open, authenticate, refresh, log out.
   *
   * @returns The helper, built on first use; it shares the access token
   * verifier and its JWKS cache.
   */
  get sessions(): Sessions {
    return this.#sessions ??= new Sessions(this, {
      accessTokens: this.accessTokens,
    });
  }
}
