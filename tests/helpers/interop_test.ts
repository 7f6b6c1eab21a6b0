/**
 * Interoperability with the official Node SDK, run side by side: cookies,
 * webhook signatures, Action signatures and authorization URLs made by one
 * are read by the other.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { WorkOS } from "@workos-inc/node";
import { CoreClient } from "../../src/core/core_client.ts";
import { Actions } from "../../src/helpers/actions.ts";
import { AuthUrls } from "../../src/helpers/auth_urls.ts";
import { Sessions } from "../../src/helpers/sessions.ts";
import { Webhooks } from "../../src/helpers/webhooks.ts";
import {
  API_KEY,
  type AuthServer,
  CLIENT_ID,
  makeKey,
  type SigningKey,
  signToken,
  startAuthServer,
  wireUser,
} from "./_auth_server.ts";

const PASSWORD = "interop-cookie-password-32-characters";
const SECRET = "whsec_interop_secret";

let server: AuthServer;
let key: SigningKey;
let official: WorkOS;
let ours: CoreClient;

before(async () => {
  key = await makeKey("interop_key");
  server = await startAuthServer([key]);
  const { port } = new URL(server.url);
  official = new WorkOS(API_KEY, {
    clientId: CLIENT_ID,
    apiHostname: "127.0.0.1",
    port: Number(port),
    https: false,
    maxRetries: 0,
  });
  ours = new CoreClient({
    authorizationToken: API_KEY,
    clientId: CLIENT_ID,
    baseUrl: server.url,
    maxRetries: 0,
  });
});

after(() => server.close());

function claims(extra: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: server.url,
    sub: "user_01TEST",
    sid: "session_interop",
    org_id: "org_01",
    role: "admin",
    permissions: ["posts:write"],
    auth_time: now,
    ...extra,
  };
}

describe("sealed sessions with @workos-inc/node", () => {
  it("opens a cookie the official SDK sealed after a refresh", async () => {
    const accessToken = await signToken(key, claims());
    server.authenticate = () => ({
      status: 200,
      body: {
        user: wireUser(),
        organization_id: "org_01",
        access_token: accessToken,
        refresh_token: "refresh_from_official",
        authentication_method: "GoogleOAuth",
      },
    });
    // The official SDK seals a cookie only from an API answer, so start it
    // from a cookie of ours and let it refresh through the local server.
    const sessions = new Sessions(ours);
    const start = await sessions.seal({
      accessToken: await signToken(key, claims()),
      refreshToken: "refresh_start",
      user: { id: "user_01TEST", email: "ada@example.com" },
    }, { cookiePassword: PASSWORD });
    const refreshed = await official.userManagement
      .loadSealedSession({ sessionData: start, cookiePassword: PASSWORD })
      .refresh();
    assert.equal(refreshed.authenticated, true);
    const sealedByOfficial = (refreshed as { sealedSession: string })
      .sealedSession;

    const opened = await sessions.unseal(sealedByOfficial, {
      cookiePassword: PASSWORD,
    });
    assert.equal(opened.accessToken, accessToken);
    assert.equal(opened.refreshToken, "refresh_from_official");
    assert.equal(opened.organizationId, "org_01");
    assert.equal(opened.authenticationMethod, "GoogleOAuth");
    assert.equal(opened.user.email, "ada@example.com");
    assert.equal(opened.user.firstName, "Ada");

    const result = await sessions.authenticate({
      sessionData: sealedByOfficial,
      cookiePassword: PASSWORD,
    });
    assert.equal(result.authenticated, true);
    assert.equal(result.authenticated && result.sessionId, "session_interop");
  });

  it("lets the official SDK open and authenticate a cookie we sealed", async () => {
    const accessToken = await signToken(key, claims({ role: "member" }));
    const sealed = await new Sessions(ours).seal({
      accessToken,
      refreshToken: "refresh_ours",
      user: { id: "user_01TEST", email: "ada@example.com", firstName: "Ada" },
      authenticationMethod: "Password",
    }, { cookiePassword: PASSWORD });

    const opened = await official.userManagement.getSessionFromCookie({
      sessionData: sealed,
      cookiePassword: PASSWORD,
    });
    assert.equal(opened?.accessToken, accessToken);
    assert.equal(opened?.refreshToken, "refresh_ours");
    assert.equal(opened?.organizationId, "org_01");
    assert.equal(opened?.user.email, "ada@example.com");

    const result = await official.userManagement.authenticateWithSessionCookie({
      sessionData: sealed,
      cookiePassword: PASSWORD,
    });
    assert.equal(result.authenticated, true);
    assert.equal(
      (result as { sessionId?: string }).sessionId,
      "session_interop",
    );
    assert.equal((result as { role?: string }).role, "member");
  });

  it("is refused by the official SDK under another password", async () => {
    const sealed = await new Sessions(ours).seal({
      accessToken: await signToken(key, claims()),
      refreshToken: "r",
      user: { id: "user_01TEST", email: "ada@example.com" },
    }, { cookiePassword: PASSWORD });
    const opened = await official.userManagement.getSessionFromCookie({
      sessionData: sealed,
      cookiePassword: "a-different-password-of-32-characters",
    });
    assert.equal(opened?.accessToken, undefined);
  });
});

describe("webhook signatures with @workos-inc/node", () => {
  const payload = JSON.stringify({
    id: "event_01",
    event: "user.created",
    data: wireUser(),
    created_at: "2024-01-01T00:00:00.000Z",
  });

  it("verifies a header the official SDK signed", async () => {
    const t = Date.now();
    const signature = await official.webhooks.computeSignature(
      t,
      payload,
      SECRET,
    );
    const event = await new Webhooks().constructEvent({
      payload,
      sigHeader: `t=${t}, v1=${signature}`,
      secret: SECRET,
    });
    assert.equal(event.id, "event_01");
  });

  it("signs a header the official SDK verifies", async () => {
    const sigHeader = await new Webhooks().createSignatureHeader({
      payload,
      secret: SECRET,
    });
    const event = await official.webhooks.constructEvent({
      payload,
      sigHeader,
      secret: SECRET,
    });
    assert.equal(event.id, "event_01");
    await assert.rejects(
      official.webhooks.constructEvent({
        payload,
        sigHeader,
        secret: "whsec_wrong",
      }),
    );
  });
});

describe("Action signatures with @workos-inc/node", () => {
  it("verifies a response the official SDK signed", async () => {
    const signed = await official.actions.signResponse(
      { type: "authentication", verdict: "Deny", errorMessage: "Blocked" },
      SECRET,
    );
    await new Actions().verifyHeader({
      payload: JSON.stringify(signed.payload),
      sigHeader: `t=${signed.payload.timestamp},v1=${signed.signature}`,
      secret: SECRET,
    });
  });

  it("signs a response the official SDK verifies", async () => {
    const signed = await new Actions().signResponse(
      {
        type: "user_registration",
        verdict: "Deny",
        errorMessage: "Invite only",
      },
      SECRET,
    );
    assert.equal(
      await official.actions.verifyHeader({
        payload: JSON.stringify(signed.payload),
        sigHeader: `t=${signed.payload.timestamp},v1=${signed.signature}`,
        secret: SECRET,
      }),
      true,
    );
  });

  it("signs an Action request the official SDK reads", async () => {
    const payload = JSON.stringify({
      object: "user_registration_action_context",
      id: "01JACTION",
      user_data: { object: "user_data", email: "ada@example.com" },
      ip_address: "203.0.113.7",
    });
    const sigHeader = await new Actions().createSignatureHeader({
      payload,
      secret: SECRET,
    });
    const action = await official.actions.constructAction({
      payload,
      sigHeader,
      secret: SECRET,
    });
    assert.equal(action.id, "01JACTION");
  });
});

describe("authorization URLs with @workos-inc/node", () => {
  function sortedParams(url: string): string[] {
    return [...new URL(url).searchParams.entries()]
      .map(([k, v]) => `${k}=${v}`)
      .sort();
  }

  it("builds the same AuthKit URL parameters", () => {
    const options = {
      provider: "GoogleOAuth",
      redirectUri: "https://app.example.com/callback",
      state: "a&b=c d",
      loginHint: "ada@example.com",
      providerScopes: ["openid", "email"],
      providerQueryParams: { hd: "example.com", access_type: "offline" },
      codeChallenge: "challenge",
      codeChallengeMethod: "S256" as const,
    };
    const theirs = official.userManagement.getAuthorizationUrl({
      ...options,
      clientId: CLIENT_ID,
    });
    const mine = new AuthUrls(ours).getAuthKitAuthorizationUrl(options);
    assert.deepEqual(sortedParams(mine), sortedParams(theirs));
    assert.equal(new URL(mine).pathname, new URL(theirs).pathname);
  });

  it("builds the same SSO URL parameters", () => {
    const options = {
      organization: "org_01",
      redirectUri: "https://app.example.com/callback",
      state: "s",
      domainHint: "example.com",
    };
    const theirs = official.sso.getAuthorizationUrl({
      ...options,
      clientId: CLIENT_ID,
    });
    const mine = new AuthUrls(ours).getSsoAuthorizationUrl(options);
    assert.deepEqual(sortedParams(mine), sortedParams(theirs));
  });

  it("builds the same logout and JWKS URLs", () => {
    const urls = new AuthUrls(ours);
    assert.equal(
      urls.getLogoutUrl({ sessionId: "session_1", returnTo: "https://a.b/" }),
      official.userManagement.getLogoutUrl({
        sessionId: "session_1",
        returnTo: "https://a.b/",
      }),
    );
    assert.equal(
      urls.getJwksUrl(),
      official.userManagement.getJwksUrl(CLIENT_ID),
    );
  });
});
