import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CoreClient } from "../../src/core/core_client.ts";
import { AuthUrls } from "../../src/helpers/auth_urls.ts";
import { generateCodeChallenge } from "../../src/helpers/pkce.ts";

const client = new CoreClient({
  clientId: "client_123",
  baseUrl: "https://auth.example.com",
});
const urls = new AuthUrls(client);
const REDIRECT = "https://app.example.com/callback";

function params(url: string): Array<[string, string]> {
  return [...new URL(url).searchParams.entries()];
}

describe("AuthUrls.getAuthKitAuthorizationUrl", () => {
  it("builds the URL on the client's origin with the client id", () => {
    const url = new URL(urls.getAuthKitAuthorizationUrl({
      provider: "authkit",
      redirectUri: REDIRECT,
      state: "s1",
      screenHint: "sign-up",
      loginHint: "ada@example.com",
      maxAge: 0,
    }));
    assert.equal(
      url.origin + url.pathname,
      "https://auth.example.com/user_management/authorize",
    );
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      client_id: "client_123",
      redirect_uri: REDIRECT,
      response_type: "code",
      state: "s1",
      login_hint: "ada@example.com",
      provider: "authkit",
      screen_hint: "sign-up",
      max_age: "0",
    });
  });

  it("keeps a hostile state as one opaque value", () => {
    const state =
      "x&client_id=evil&redirect_uri=https://evil.example#frag ü+%20";
    const url = urls.getAuthKitAuthorizationUrl({
      provider: "authkit",
      redirectUri: REDIRECT,
      state,
    });
    const parsed = new URL(url);
    assert.equal(parsed.hash, "");
    assert.deepEqual(parsed.searchParams.getAll("client_id"), ["client_123"]);
    assert.deepEqual(parsed.searchParams.getAll("redirect_uri"), [REDIRECT]);
    assert.deepEqual(parsed.searchParams.getAll("state"), [state]);
  });

  it("encodes hostile provider parameters and refuses bracketed keys", () => {
    const url = urls.getAuthKitAuthorizationUrl({
      provider: "GoogleOAuth",
      redirectUri: REDIRECT,
      providerScopes: ["openid", "a b&c=d"],
      providerQueryParams: {
        hd: "example.com&prompt=none",
        access_type: "offline",
      },
    });
    assert.deepEqual(params(url).filter(([k]) => k.startsWith("provider_")), [
      ["provider_scopes", "openid"],
      ["provider_scopes", "a b&c=d"],
      ["provider_query_params[hd]", "example.com&prompt=none"],
      ["provider_query_params[access_type]", "offline"],
    ]);
    assert.equal(new URL(url).searchParams.get("prompt"), null);
    assert.throws(
      () =>
        urls.getAuthKitAuthorizationUrl({
          provider: "GoogleOAuth",
          redirectUri: REDIRECT,
          providerQueryParams: { "hd][x": "1" },
        }),
      /free of brackets/,
    );
  });

  it("refuses none, or more than one, of provider, connection and organization", () => {
    assert.throws(
      () => urls.getAuthKitAuthorizationUrl({ redirectUri: REDIRECT }),
      /needs one of 'provider', 'connectionId' or 'organizationId': received none/,
    );
    assert.throws(
      () =>
        urls.getAuthKitAuthorizationUrl({
          redirectUri: REDIRECT,
          connectionId: "conn_1",
          organizationId: "org_1",
        }),
      /'connectionId' and 'organizationId' contradict each other/,
    );
  });

  it("refuses AuthKit-only options with another provider", () => {
    assert.throws(
      () =>
        urls.getAuthKitAuthorizationUrl({
          provider: "GoogleOAuth",
          redirectUri: REDIRECT,
          screenHint: "sign-in",
        }),
      /'screenHint' applies only to provider "authkit"/,
    );
    assert.throws(
      () =>
        urls.getAuthKitAuthorizationUrl({
          organizationId: "org_1",
          redirectUri: REDIRECT,
          maxAge: 60,
        }),
      /'maxAge' applies only to provider "authkit"/,
    );
    assert.throws(
      () =>
        urls.getAuthKitAuthorizationUrl({
          provider: "authkit",
          redirectUri: REDIRECT,
          maxAge: -1,
        }),
      RangeError,
    );
  });

  it("refuses a missing or relative redirect URI", () => {
    assert.throws(
      () =>
        urls.getAuthKitAuthorizationUrl({
          provider: "authkit",
        } as { provider: "authkit"; redirectUri: string }),
      /'redirectUri' is missing/,
    );
    assert.throws(
      () =>
        urls.getAuthKitAuthorizationUrl({
          provider: "authkit",
          redirectUri: "/callback",
        }),
      /'redirectUri' must be an absolute URL/,
    );
  });

  it("refuses a challenge method without a challenge, or another method", () => {
    assert.throws(
      () =>
        urls.getAuthKitAuthorizationUrl({
          provider: "authkit",
          redirectUri: REDIRECT,
          codeChallengeMethod: "S256",
        }),
      /without 'codeChallenge'/,
    );
    assert.throws(
      () =>
        urls.getAuthKitAuthorizationUrl({
          provider: "authkit",
          redirectUri: REDIRECT,
          codeChallenge: "abc",
          codeChallengeMethod: "plain" as "S256",
        }),
      /must be "S256"/,
    );
  });

  it("adds S256 when only a challenge is given", () => {
    const url = new URL(urls.getAuthKitAuthorizationUrl({
      provider: "authkit",
      redirectUri: REDIRECT,
      codeChallenge: "abc",
    }));
    assert.equal(url.searchParams.get("code_challenge_method"), "S256");
  });

  it("refuses a value with a lone surrogate, which encoding would alter", () => {
    assert.throws(
      () =>
        urls.getAuthKitAuthorizationUrl({
          provider: "authkit",
          redirectUri: REDIRECT,
          state: "a\uD800b",
        }),
      /well-formed Unicode/,
    );
  });

  it("needs a client id from the options or the client", () => {
    const bare = new AuthUrls(
      new CoreClient({ baseUrl: "https://api.workos.com" }),
    );
    const previous = Deno.env.get("WORKOS_CLIENT_ID");
    Deno.env.delete("WORKOS_CLIENT_ID");
    try {
      assert.throws(
        () =>
          bare.getAuthKitAuthorizationUrl({
            provider: "authkit",
            redirectUri: REDIRECT,
          }),
        /no client id is set/,
      );
      const url = bare.getAuthKitAuthorizationUrl({
        provider: "authkit",
        redirectUri: REDIRECT,
        clientId: "client_opt",
      });
      assert.equal(new URL(url).searchParams.get("client_id"), "client_opt");
    } finally {
      if (previous !== undefined) Deno.env.set("WORKOS_CLIENT_ID", previous);
    }
  });
});

describe("AuthUrls.getSsoAuthorizationUrl", () => {
  it("builds /sso/authorize with the chosen connection", () => {
    const url = new URL(urls.getSsoAuthorizationUrl({
      connection: "conn_1",
      redirectUri: REDIRECT,
      state: "s",
      nonce: "n",
      prompt: "login",
      domainHint: "example.com",
    }));
    assert.equal(url.pathname, "/sso/authorize");
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      client_id: "client_123",
      redirect_uri: REDIRECT,
      response_type: "code",
      state: "s",
      domain_hint: "example.com",
      connection: "conn_1",
      nonce: "n",
      prompt: "login",
    });
  });

  it("refuses provider and organization together", () => {
    assert.throws(
      () =>
        urls.getSsoAuthorizationUrl({
          provider: "GoogleOAuth",
          organization: "org_1",
          redirectUri: REDIRECT,
        }),
      /'provider' and 'organization' contradict each other/,
    );
  });

  it("refuses a prompt other than login", () => {
    assert.throws(
      () =>
        urls.getSsoAuthorizationUrl({
          organization: "org_1",
          redirectUri: REDIRECT,
          prompt: "consent" as "login",
        }),
      /'prompt' must be "login"/,
    );
  });
});

describe("AuthUrls with PKCE", () => {
  it("puts the challenge of the returned verifier and the state in the URL", async () => {
    for (
      const made of [
        await urls.getAuthKitAuthorizationUrlWithPkce({
          provider: "authkit",
          redirectUri: REDIRECT,
        }),
        await urls.getSsoAuthorizationUrlWithPkce({
          organization: "org_1",
          redirectUri: REDIRECT,
          state: "mine",
        }),
      ]
    ) {
      const url = new URL(made.url);
      assert.equal(
        url.searchParams.get("code_challenge"),
        await generateCodeChallenge(made.codeVerifier),
      );
      assert.equal(url.searchParams.get("code_challenge_method"), "S256");
      assert.equal(url.searchParams.get("state"), made.state);
    }
  });
});

describe("AuthUrls.getLogoutUrl and getJwksUrl", () => {
  it("builds the logout URL with the session and return address", () => {
    const url = new URL(urls.getLogoutUrl({
      sessionId: "session_1&x=y",
      returnTo: "https://app.example.com/bye?a=1&b=2",
    }));
    assert.equal(url.pathname, "/user_management/sessions/logout");
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      session_id: "session_1&x=y",
      return_to: "https://app.example.com/bye?a=1&b=2",
    });
  });

  it("refuses a logout without a session id", () => {
    assert.throws(
      () => urls.getLogoutUrl({} as { sessionId: string }),
      /'sessionId' must be a non-empty string/,
    );
  });

  it("encodes the client id of the JWKS URL as one path segment", () => {
    assert.equal(
      urls.getJwksUrl(),
      "https://auth.example.com/sso/jwks/client_123",
    );
    assert.equal(
      urls.getJwksUrl("client/../x?y"),
      "https://auth.example.com/sso/jwks/client%2F..%2Fx%3Fy",
    );
  });
});
