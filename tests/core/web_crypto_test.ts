import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CoreClient } from "../../src/core/core_client.ts";
import { webCrypto } from "../../src/core/web_crypto.ts";
import { AccessTokenError } from "../../src/helpers/access_token_error.ts";
import { AccessTokens } from "../../src/helpers/access_tokens.ts";
import { generateCodeVerifier, generatePkce } from "../../src/helpers/pkce.ts";
import { SessionCookieError } from "../../src/helpers/session_cookie_error.ts";
import { Sessions } from "../../src/helpers/sessions.ts";
import { SignatureVerificationError } from "../../src/helpers/signature_error.ts";
import { Webhooks } from "../../src/helpers/webhooks.ts";

const PASSWORD = "cookie-password-of-at-least-32-chars!";
const SESSION = {
  accessToken: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
  refreshToken: "refresh_1",
  user: { id: "user_1", email: "ada@example.com" },
};
const original = Object.getOwnPropertyDescriptor(globalThis, "crypto")!;

// Replaces the global crypto for one test, as a runtime without WebCrypto
// (Node 18 by default) or a browser page served over http would have it.
function setGlobalCrypto(value: unknown): void {
  Object.defineProperty(globalThis, "crypto", {
    value,
    writable: true,
    configurable: true,
  });
}

function isNoWebCrypto(error: unknown): boolean {
  return error instanceof TypeError &&
    error.message.startsWith(
      "Cannot use WebCrypto as this runtime has no global crypto.subtle",
    );
}

describe("the runtime's WebCrypto", () => {
  afterEach(() => Object.defineProperty(globalThis, "crypto", original));

  it("webCrypto() returns the global crypto, read at call time", () => {
    const real = globalThis.crypto;
    assert.equal(webCrypto(), real);
    const stub = { subtle: real.subtle, getRandomValues: () => {} };
    setGlobalCrypto(stub);
    assert.equal(webCrypto(), stub);
  });

  it("webCrypto() throws a TypeError when there is no global crypto", () => {
    setGlobalCrypto(undefined);
    assert.throws(() => webCrypto(), isNoWebCrypto);
  });

  it("webCrypto() throws a TypeError when crypto has no subtle", () => {
    setGlobalCrypto({ getRandomValues: globalThis.crypto.getRandomValues });
    assert.throws(() => webCrypto(), isNoWebCrypto);
  });

  it("PKCE takes its random bytes from the global crypto", () => {
    const real = globalThis.crypto;
    let calls = 0;
    setGlobalCrypto({
      subtle: real.subtle,
      getRandomValues: (array: Uint8Array<ArrayBuffer>) => {
        calls++;
        return real.getRandomValues(array);
      },
    });
    assert.equal(generateCodeVerifier().length, 43);
    assert.equal(calls, 1);
  });

  it("the helpers fail with that TypeError, not a verification error, without WebCrypto", async () => {
    const webhooks = new Webhooks();
    const sessions = new Sessions(new CoreClient({ clientId: "client_1" }));
    const tokens = new AccessTokens(new CoreClient({ clientId: "client_1" }));
    const header = `t=${Date.now()},v1=${"0".repeat(64)}`;
    const verify = () =>
      webhooks.constructEvent({
        payload: "{}",
        sigHeader: header,
        secret: "whsec_test",
      });

    // With WebCrypto, the same calls get as far as judging their input.
    await assert.rejects(verify(), SignatureVerificationError);
    await assert.rejects(
      sessions.unseal("Fe26.2**x", {
        cookiePassword: PASSWORD,
      }),
      SessionCookieError,
    );
    await assert.rejects(tokens.verifyAccessToken("a.b.c"), AccessTokenError);

    setGlobalCrypto(undefined);
    await assert.rejects(verify(), isNoWebCrypto);
    await assert.rejects(
      webhooks.createSignatureHeader({ payload: "{}", secret: "whsec_test" }),
      isNoWebCrypto,
    );
    await assert.rejects(generatePkce(), isNoWebCrypto);
    await assert.rejects(
      sessions.seal(SESSION, { cookiePassword: PASSWORD }),
      isNoWebCrypto,
    );
    await assert.rejects(
      sessions.unseal("Fe26.2**x", { cookiePassword: PASSWORD }),
      isNoWebCrypto,
    );
    await assert.rejects(tokens.verifyAccessToken("a.b.c"), isNoWebCrypto);
  });
});
