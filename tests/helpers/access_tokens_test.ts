import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { SignJWT } from "jose";
import { CoreClient } from "../../src/core/core_client.ts";
import { WorkOSError } from "../../src/core/errors.ts";
import {
  AccessTokenError,
  AccessTokens,
} from "../../src/helpers/access_tokens.ts";
import {
  type AuthServer,
  CLIENT_ID,
  makeKey,
  type SigningKey,
  signToken,
  startAuthServer,
} from "./_auth_server.ts";

let server: AuthServer;
let key: SigningKey;

function client(extra: ConstructorParameters<typeof CoreClient>[0] = {}) {
  return new CoreClient({
    clientId: CLIENT_ID,
    baseUrl: server.url,
    maxRetries: 0,
    ...extra,
  });
}

function claims(extra: Record<string, unknown> = {}) {
  return {
    iss: server.url,
    sub: "user_01",
    sid: "session_01",
    org_id: "org_01",
    role: "admin",
    roles: ["admin", "member"],
    permissions: ["posts:read", "posts:write"],
    entitlements: ["audit-logs"],
    feature_flags: ["new-dashboard"],
    act: { sub: "support@example.com" },
    jti: "jti_01",
    ...extra,
  };
}

async function reason(promise: Promise<unknown>, token?: string) {
  const error = await promise.then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AccessTokenError, String(error));
  if (token) assert.ok(!error.message.includes(token), "the token leaked");
  return error.reason;
}

before(async () => {
  key = await makeKey("key_1");
  server = await startAuthServer([key]);
});

after(() => server.close());

describe("AccessTokens.verifyAccessToken", () => {
  it("returns the typed claims of a valid token", async () => {
    const tokens = new AccessTokens(client());
    const token = await signToken(key, claims());
    const result = await tokens.verifyAccessToken(token);
    assert.equal(result.userId, "user_01");
    assert.equal(result.sessionId, "session_01");
    assert.equal(result.organizationId, "org_01");
    assert.equal(result.role, "admin");
    assert.deepEqual(result.roles, ["admin", "member"]);
    assert.deepEqual(result.permissions, ["posts:read", "posts:write"]);
    assert.deepEqual(result.entitlements, ["audit-logs"]);
    assert.deepEqual(result.featureFlags, ["new-dashboard"]);
    assert.deepEqual(result.impersonator, { email: "support@example.com" });
    assert.equal(result.issuer, server.url);
    assert.equal(result.tokenId, "jti_01");
    assert.equal(typeof result.expiresAt, "number");
    assert.equal(result.payload.sub, "user_01");
  });

  it("fetches the JWKS once, without the API key, and caches it", async () => {
    const before = server.jwksFetches();
    const tokens = new AccessTokens(
      client({ authorizationToken: "sk_test_x" }),
    );
    for (let i = 0; i < 3; i++) {
      await tokens.verifyAccessToken(await signToken(key, claims()));
    }
    assert.equal(server.jwksFetches(), before + 1);
    const fetch = server.requests.filter((r) => r.path.startsWith("/sso/jwks/"))
      .at(-1);
    assert.equal(fetch?.path, `/sso/jwks/${CLIENT_ID}`);
    assert.equal(fetch?.headers.authorization, undefined);
  });

  it("fetches the JWKS through the client's fetcher", async () => {
    const seen: string[] = [];
    const tokens = new AccessTokens(client({
      fetcher: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    }));
    await tokens.verifyAccessToken(await signToken(key, claims()));
    assert.deepEqual(seen, [`${server.url}/sso/jwks/${CLIENT_ID}`]);
  });

  it("refuses an expired token", async () => {
    const tokens = new AccessTokens(client());
    const past = Math.floor(Date.now() / 1000) - 60;
    const token = await signToken(key, claims({ exp: past, iat: past - 300 }));
    assert.equal(
      await reason(tokens.verifyAccessToken(token), token),
      "expired",
    );
  });

  it("refuses a token that is not valid yet", async () => {
    const tokens = new AccessTokens(client());
    const soon = Math.floor(Date.now() / 1000) + 120;
    const token = await signToken(key, claims({ nbf: soon }));
    assert.equal(
      await reason(tokens.verifyAccessToken(token), token),
      "not_yet_valid",
    );
  });

  it("allows the configured clock tolerance on exp", async () => {
    const tokens = new AccessTokens(client(), { clockToleranceInSeconds: 120 });
    const past = Math.floor(Date.now() / 1000) - 60;
    const token = await signToken(key, claims({ exp: past }));
    assert.equal((await tokens.verifyAccessToken(token)).userId, "user_01");
  });

  it("accepts the default issuers and refuses another", async () => {
    const tokens = new AccessTokens(client());
    for (
      const iss of [server.url, `${server.url}/user_management/${CLIENT_ID}`]
    ) {
      await tokens.verifyAccessToken(await signToken(key, claims({ iss })));
    }
    const token = await signToken(key, claims({ iss: "https://evil.example" }));
    assert.equal(
      await reason(tokens.verifyAccessToken(token), token),
      "invalid_issuer",
    );
  });

  it("checks a configured issuer instead of the defaults", async () => {
    const tokens = new AccessTokens(client(), {
      issuer: "https://auth.example.com",
    });
    await tokens.verifyAccessToken(
      await signToken(key, claims({ iss: "https://auth.example.com" })),
    );
    const token = await signToken(key, claims());
    assert.equal(
      await reason(tokens.verifyAccessToken(token)),
      "invalid_issuer",
    );
  });

  it("refuses a token whose signature was tampered with", async () => {
    const tokens = new AccessTokens(client());
    const [head, , signature] = (await signToken(key, claims())).split(".");
    const forged = [
      head,
      btoa(JSON.stringify(claims({ role: "owner", exp: 9999999999 })))
        .replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_"),
      signature,
    ].join(".");
    assert.equal(
      await reason(tokens.verifyAccessToken(forged), forged),
      "invalid_signature",
    );
  });

  it("refuses a token signed with an HMAC secret", async () => {
    const tokens = new AccessTokens(client());
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: "HS256", kid: "key_1" })
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("a".repeat(32)));
    assert.equal(
      await reason(tokens.verifyAccessToken(token)),
      "unsupported_algorithm",
    );
  });

  it("refuses a token without a session id", async () => {
    const tokens = new AccessTokens(client());
    const token = await signToken(key, claims({ sid: undefined }));
    const error = await tokens.verifyAccessToken(token).catch((e) => e);
    assert.ok(error instanceof AccessTokenError);
    assert.equal(error.reason, "invalid_claims");
    assert.match(error.message, /'sid'/);
  });

  it("refuses text that is not a JWT", async () => {
    const tokens = new AccessTokens(client());
    assert.equal(
      await reason(tokens.verifyAccessToken("not.a.jwt")),
      "malformed",
    );
    assert.equal(await reason(tokens.verifyAccessToken("")), "malformed");
  });

  it("reports a failed JWKS fetch as the client's error, not a token error", async () => {
    const tokens = new AccessTokens(
      new CoreClient({
        clientId: "client_unknown",
        baseUrl: server.url,
        maxRetries: 0,
      }),
    );
    const error = await tokens.verifyAccessToken(await signToken(key, claims()))
      .catch((e) => e);
    assert.ok(error instanceof WorkOSError);
    assert.equal(error.statusCode, 404);
  });

  it("needs a client id", async () => {
    const previous = Deno.env.get("WORKOS_CLIENT_ID");
    Deno.env.delete("WORKOS_CLIENT_ID");
    try {
      const tokens = new AccessTokens(new CoreClient({ baseUrl: server.url }));
      await assert.rejects(
        tokens.verifyAccessToken("a.b.c"),
        /no client id is set/,
      );
    } finally {
      if (previous !== undefined) Deno.env.set("WORKOS_CLIENT_ID", previous);
    }
  });

  it("refuses negative cache options", () => {
    assert.throws(
      () => new AccessTokens(client(), { jwksCooldownInSeconds: -1 }),
      RangeError,
    );
    assert.throws(
      () => new AccessTokens(client(), { issuer: [""] }),
      TypeError,
    );
  });
});

describe("AccessTokens key rotation", () => {
  it("fetches again for an unknown key id and verifies with the new key", async () => {
    const old = await makeKey("rot_old");
    const fresh = await makeKey("rot_new");
    const rotating = await startAuthServer([old]);
    try {
      const tokens = new AccessTokens(
        new CoreClient({ clientId: CLIENT_ID, baseUrl: rotating.url }),
        { jwksCooldownInSeconds: 0, issuer: "iss" },
      );
      await tokens.verifyAccessToken(
        await signToken(old, claims({ iss: "iss" })),
      );
      rotating.keys = [old, fresh];
      const result = await tokens.verifyAccessToken(
        await signToken(fresh, claims({ iss: "iss", sub: "user_rotated" })),
      );
      assert.equal(result.userId, "user_rotated");
      assert.equal(rotating.jwksFetches(), 2);
    } finally {
      await rotating.close();
    }
  });

  it("does not fetch again within the cooldown, however many unknown key ids arrive", async () => {
    const known = await makeKey("cd_known");
    const stranger = await makeKey("cd_stranger");
    const guarded = await startAuthServer([known]);
    try {
      const tokens = new AccessTokens(
        new CoreClient({ clientId: CLIENT_ID, baseUrl: guarded.url }),
        { issuer: "iss" },
      );
      await tokens.verifyAccessToken(
        await signToken(known, claims({ iss: "iss" })),
      );
      for (let i = 0; i < 5; i++) {
        const token = await signToken(stranger, claims({ iss: "iss" }), {
          kid: `made_up_${i}`,
        });
        assert.equal(
          await reason(tokens.verifyAccessToken(token)),
          "unknown_key",
        );
      }
      assert.equal(guarded.jwksFetches(), 1);
    } finally {
      await guarded.close();
    }
  });

  it("joins one fetch when concurrent tokens need the keys", async () => {
    const shared = await makeKey("shared");
    const busy = await startAuthServer([shared]);
    try {
      const tokens = new AccessTokens(
        new CoreClient({ clientId: CLIENT_ID, baseUrl: busy.url }),
        { issuer: "iss" },
      );
      const token = await signToken(shared, claims({ iss: "iss" }));
      await Promise.all(
        Array.from({ length: 5 }, () => tokens.verifyAccessToken(token)),
      );
      assert.equal(busy.jwksFetches(), 1);
    } finally {
      await busy.close();
    }
  });
});
