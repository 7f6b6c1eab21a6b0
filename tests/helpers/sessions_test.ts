import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CoreClient } from "../../src/core/core_client.ts";
import { InternalServerError } from "../../src/core/errors.ts";
import {
  type SessionCookieData,
  SessionCookieError,
  Sessions,
} from "../../src/helpers/sessions.ts";
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

const PASSWORD = "cookie-password-of-at-least-32-chars!";
const OTHER_PASSWORD = "another-cookie-password-32-chars-long";

let server: AuthServer;
let key: SigningKey;
let sessions: Sessions;

function tokenClaims(extra: Record<string, unknown> = {}) {
  return {
    iss: server.url,
    sub: "user_01TEST",
    sid: "session_01",
    org_id: "org_01",
    role: "member",
    permissions: ["posts:read"],
    ...extra,
  };
}

async function sessionData(
  extra: Partial<SessionCookieData> = {},
  claims: Record<string, unknown> = {},
): Promise<SessionCookieData> {
  return {
    accessToken: await signToken(key, tokenClaims(claims)),
    refreshToken: "refresh_old",
    user: { id: "user_01TEST", email: "ada@example.com", firstName: "Ada" },
    authenticationMethod: "Password",
    ...extra,
  };
}

before(async () => {
  key = await makeKey("session_key");
  server = await startAuthServer([key]);
  sessions = new Sessions(
    new CoreClient({
      authorizationToken: API_KEY,
      clientId: CLIENT_ID,
      baseUrl: server.url,
      maxRetries: 0,
    }),
  );
});

after(() => server.close());

beforeEach(() => {
  server.requests.length = 0;
});

describe("Sessions.seal and unseal", () => {
  it("round-trips the session in the official iron format", async () => {
    const data = await sessionData();
    const sealed = await sessions.seal(data, { cookiePassword: PASSWORD });
    assert.match(
      sealed,
      /^Fe26\.2\*1\*[0-9a-f]{64}\*[\w-]+\*[\w-]+\*\*[0-9a-f]{64}\*[\w-]+~2$/,
    );
    const opened = await sessions.unseal(sealed, { cookiePassword: PASSWORD });
    assert.deepEqual(opened, { ...data, organizationId: "org_01" });
  });

  it("keeps only the session's fields of an authentication response", async () => {
    const data = {
      ...await sessionData(),
      oauthTokens: { accessToken: "provider_secret" },
    };
    const sealed = await sessions.seal(data, { cookiePassword: PASSWORD });
    const opened = await sessions.unseal(sealed, { cookiePassword: PASSWORD });
    assert.equal("oauthTokens" in opened, false);
  });

  it("seals differently each time", async () => {
    const data = await sessionData();
    assert.notEqual(
      await sessions.seal(data, { cookiePassword: PASSWORD }),
      await sessions.seal(data, { cookiePassword: PASSWORD }),
    );
  });

  it("refuses a cookie sealed with another password as tampered", async () => {
    const sealed = await sessions.seal(await sessionData(), {
      cookiePassword: PASSWORD,
    });
    const error = await sessions.unseal(sealed, {
      cookiePassword: OTHER_PASSWORD,
    }).catch((e) => e);
    assert.ok(error instanceof SessionCookieError);
    assert.equal(error.reason, "tampered");
    assert.ok(!error.message.includes(OTHER_PASSWORD));
  });

  it("refuses an altered cookie as tampered", async () => {
    const sealed = await sessions.seal(await sessionData(), {
      cookiePassword: PASSWORD,
    });
    const parts = sealed.split("*");
    const encrypted = parts[4];
    parts[4] = (encrypted[0] === "A" ? "B" : "A") + encrypted.slice(1);
    const error = await sessions.unseal(parts.join("*"), {
      cookiePassword: PASSWORD,
    }).catch((e) => e);
    assert.ok(error instanceof SessionCookieError);
    assert.equal(error.reason, "tampered");
  });

  it("refuses a value that is not a seal as malformed", async () => {
    for (const value of ["", "hello", "Fe26.2*1*a*b"]) {
      const error = await sessions.unseal(value, { cookiePassword: PASSWORD })
        .catch((e) => e);
      assert.ok(error instanceof SessionCookieError);
      assert.equal(error.reason, "malformed", value);
    }
  });

  it("refuses a short cookie password and prints only its length", async () => {
    const error = await sessions.seal(await sessionData(), {
      cookiePassword: "short-secret",
    }).catch((e) => e);
    assert.ok(error instanceof RangeError);
    assert.match(error.message, /at least 32 characters long: received 12/);
    assert.ok(!error.message.includes("short-secret"));
  });

  it("reads the cookie password from WORKOS_COOKIE_PASSWORD", async () => {
    const previous = Deno.env.get("WORKOS_COOKIE_PASSWORD");
    try {
      Deno.env.delete("WORKOS_COOKIE_PASSWORD");
      await assert.rejects(
        sessions.seal(await sessionData()),
        /no cookie password is set/,
      );
      Deno.env.set("WORKOS_COOKIE_PASSWORD", PASSWORD);
      const sealed = await sessions.seal(await sessionData());
      await sessions.unseal(sealed, { cookiePassword: PASSWORD });
    } finally {
      if (previous === undefined) Deno.env.delete("WORKOS_COOKIE_PASSWORD");
      else Deno.env.set("WORKOS_COOKIE_PASSWORD", previous);
    }
  });

  it("refuses to seal a session without tokens", async () => {
    await assert.rejects(
      sessions.seal(
        { ...await sessionData(), refreshToken: "" },
        { cookiePassword: PASSWORD },
      ),
      /'refreshToken' must be a non-empty string/,
    );
  });
});

describe("Sessions.authenticate", () => {
  it("authenticates a cookie whose access token verifies", async () => {
    const sealed = await sessions.seal(await sessionData(), {
      cookiePassword: PASSWORD,
    });
    const result = await sessions.authenticate({
      sessionData: sealed,
      cookiePassword: PASSWORD,
    });
    assert.equal(result.authenticated, true);
    if (!result.authenticated) return;
    assert.equal(result.sessionId, "session_01");
    assert.equal(result.organizationId, "org_01");
    assert.equal(result.role, "member");
    assert.deepEqual(result.permissions, ["posts:read"]);
    assert.equal(result.user.email, "ada@example.com");
    assert.equal(result.authenticationMethod, "Password");
    assert.equal(result.claims.userId, "user_01TEST");
  });

  it("reports a missing cookie", async () => {
    for (const sessionData of [undefined, null, ""]) {
      const result = await sessions.authenticate({
        sessionData,
        cookiePassword: PASSWORD,
      });
      assert.deepEqual(result, {
        authenticated: false,
        reason: "no_session_cookie_provided",
      });
    }
  });

  it("reports a cookie that does not open", async () => {
    const result = await sessions.authenticate({
      sessionData: "garbage",
      cookiePassword: PASSWORD,
    });
    assert.equal(result.authenticated, false);
    if (result.authenticated) return;
    assert.equal(result.reason, "invalid_session_cookie");
    assert.ok(result.error instanceof SessionCookieError);
  });

  it("reports an expired access token as invalid_jwt with the cause", async () => {
    const past = Math.floor(Date.now() / 1000) - 10;
    const sealed = await sessions.seal(
      await sessionData({}, { exp: past, iat: past - 300 }),
      { cookiePassword: PASSWORD },
    );
    const result = await sessions.authenticate({
      sessionData: sealed,
      cookiePassword: PASSWORD,
    });
    assert.equal(result.authenticated, false);
    if (result.authenticated) return;
    assert.equal(result.reason, "invalid_jwt");
    assert.equal(
      (result.error as { reason?: string } | undefined)?.reason,
      "expired",
    );
  });
});

describe("Sessions.refresh", () => {
  it("exchanges the refresh token and seals the rotated tokens", async () => {
    const newToken = await signToken(
      key,
      tokenClaims({ sid: "session_02", role: "admin" }),
    );
    server.authenticate = () => ({
      status: 200,
      body: {
        user: wireUser(),
        organization_id: "org_01",
        access_token: newToken,
        refresh_token: "refresh_new",
        authentication_method: "Password",
      },
    });
    const sealed = await sessions.seal(await sessionData(), {
      cookiePassword: PASSWORD,
    });

    const result = await sessions.refresh({
      sessionData: sealed,
      cookiePassword: PASSWORD,
      userAgent: "test-agent",
    });

    assert.equal(result.authenticated, true);
    if (!result.authenticated) return;
    const sent = server.requests.at(-1);
    assert.equal(sent?.path, "/user_management/authenticate");
    assert.deepEqual(sent?.body, {
      grant_type: "refresh_token",
      refresh_token: "refresh_old",
      organization_id: "org_01",
      user_agent: "test-agent",
      client_id: CLIENT_ID,
      client_secret: API_KEY,
    });
    assert.equal(result.sessionId, "session_02");
    assert.equal(result.role, "admin");
    assert.equal(result.user.firstName, "Ada");
    assert.deepEqual(result.user.metadata, { favourite_colour: "green" });
    const opened = await sessions.unseal(result.sealedSession, {
      cookiePassword: PASSWORD,
    });
    assert.equal(opened.refreshToken, "refresh_new");
    assert.equal(opened.accessToken, newToken);
    assert.deepEqual(opened, result.session);
  });

  it("asks for another organization when told to", async () => {
    server.authenticate = async () => ({
      status: 200,
      body: {
        user: wireUser(),
        access_token: await signToken(key, tokenClaims({ org_id: "org_02" })),
        refresh_token: "refresh_org2",
      },
    });
    const result = await sessions.refresh({
      sessionData: await sessions.seal(await sessionData(), {
        cookiePassword: PASSWORD,
      }),
      cookiePassword: PASSWORD,
      organizationId: "org_02",
    });
    assert.equal(
      (server.requests.at(-1)?.body as Record<string, unknown>).organization_id,
      "org_02",
    );
    assert.equal(result.authenticated && result.organizationId, "org_02");
  });

  it("seals the new cookie with a new password when rotating it", async () => {
    server.authenticate = async () => ({
      status: 200,
      body: {
        user: wireUser(),
        access_token: await signToken(key, tokenClaims()),
        refresh_token: "refresh_rotated",
      },
    });
    const result = await sessions.refresh({
      sessionData: await sessions.seal(await sessionData(), {
        cookiePassword: PASSWORD,
      }),
      cookiePassword: PASSWORD,
      newCookiePassword: OTHER_PASSWORD,
    });
    assert.ok(result.authenticated);
    await sessions.unseal(result.sealedSession, {
      cookiePassword: OTHER_PASSWORD,
    });
    await assert.rejects(
      sessions.unseal(result.sealedSession, { cookiePassword: PASSWORD }),
      SessionCookieError,
    );
  });

  it("reports a refused refresh token as invalid_grant", async () => {
    server.authenticate = () => ({
      status: 400,
      body: { error: "invalid_grant", error_description: "Token spent" },
    });
    const result = await sessions.refresh({
      sessionData: await sessions.seal(await sessionData(), {
        cookiePassword: PASSWORD,
      }),
      cookiePassword: PASSWORD,
    });
    assert.equal(result.authenticated, false);
    assert.equal(!result.authenticated && result.reason, "invalid_grant");
  });

  it("throws a server failure, which a later try may fix", async () => {
    server.authenticate = () => ({ status: 503, body: { message: "down" } });
    await assert.rejects(
      sessions.refresh({
        sessionData: await sessions.seal(await sessionData(), {
          cookiePassword: PASSWORD,
        }),
        cookiePassword: PASSWORD,
      }),
      (error: Error) =>
        error instanceof InternalServerError &&
        !error.message.includes(API_KEY),
    );
  });

  it("reports a cookie that does not open without calling the API", async () => {
    const result = await sessions.refresh({
      sessionData: "Fe26.2*nope",
      cookiePassword: PASSWORD,
    });
    assert.equal(
      !result.authenticated && result.reason,
      "invalid_session_cookie",
    );
    assert.equal(server.requests.length, 0);
  });
});

describe("Sessions.getLogoutUrl", () => {
  it("builds the logout URL from the sealed token's session id, even expired", async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const sealed = await sessions.seal(
      await sessionData({}, { exp: past, sid: "session_old" }),
      { cookiePassword: PASSWORD },
    );
    const url = new URL(
      await sessions.getLogoutUrl({
        sessionData: sealed,
        cookiePassword: PASSWORD,
        returnTo: "https://app.example.com/",
      }),
    );
    assert.equal(url.origin, server.url);
    assert.equal(url.pathname, "/user_management/sessions/logout");
    assert.equal(url.searchParams.get("session_id"), "session_old");
    assert.equal(url.searchParams.get("return_to"), "https://app.example.com/");
  });

  it("throws a SessionCookieError for a cookie that does not open", async () => {
    await assert.rejects(
      sessions.getLogoutUrl({ sessionData: "x", cookiePassword: PASSWORD }),
      SessionCookieError,
    );
  });
});

describe("Sessions.load", () => {
  it("does not show a password passed in place of its options", () => {
    assert.throws(
      () => sessions.load(PASSWORD as never),
      (error: unknown) =>
        error instanceof TypeError && !error.message.includes(PASSWORD),
    );
  });

  it("keeps the refreshed cookie and hides the password", async () => {
    server.authenticate = async () => ({
      status: 200,
      body: {
        user: wireUser(),
        access_token: await signToken(key, tokenClaims()),
        refresh_token: "refresh_loaded",
      },
    });
    const first = await sessions.seal(await sessionData(), {
      cookiePassword: PASSWORD,
    });
    const session = sessions.load({
      sessionData: first,
      cookiePassword: PASSWORD,
    });
    assert.equal((await session.authenticate()).authenticated, true);
    const result = await session.refresh();
    assert.ok(result.authenticated);
    assert.equal(session.sessionData, result.sealedSession);
    assert.notEqual(session.sessionData, first);

    for (
      const shown of [
        JSON.stringify(session),
        Deno.inspect(session),
        JSON.stringify(sessions),
        Deno.inspect(sessions, { depth: 10 }),
      ]
    ) {
      assert.ok(!shown.includes(PASSWORD), shown);
      assert.ok(!shown.includes(API_KEY), shown);
    }
  });
});
