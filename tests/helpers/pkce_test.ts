import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  generateCodeChallenge,
  generateCodeVerifier,
  generatePkce,
  Pkce,
} from "../../src/helpers/pkce.ts";

describe("PKCE", () => {
  it("derives the challenge of RFC 7636 appendix B", async () => {
    assert.equal(
      await generateCodeChallenge(
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      ),
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("makes verifiers of the asked length from the unreserved set", () => {
    for (const length of [43, 44, 64, 100, 128]) {
      const verifier = generateCodeVerifier(length);
      assert.equal(verifier.length, length);
      assert.match(verifier, /^[A-Za-z0-9\-_]+$/);
    }
    assert.equal(generateCodeVerifier().length, 43);
  });

  it("makes a different verifier each time", () => {
    const seen = new Set(
      Array.from({ length: 20 }, () => generateCodeVerifier()),
    );
    assert.equal(seen.size, 20);
  });

  it("refuses a length outside 43 to 128", () => {
    for (const length of [42, 129, 50.5, Number.NaN]) {
      assert.throws(() => generateCodeVerifier(length), RangeError);
    }
  });

  it("pairs a verifier with the base64url SHA-256 challenge", async () => {
    const pair = await generatePkce();
    const expected = createHash("sha256").update(pair.codeVerifier).digest(
      "base64url",
    );
    assert.equal(pair.codeChallenge, expected);
    assert.equal(pair.codeChallengeMethod, "S256");
  });

  it("refuses to derive a challenge from an invalid verifier", async () => {
    for (const verifier of ["short", "x".repeat(129), `${"a".repeat(43)}!`]) {
      await assert.rejects(generateCodeChallenge(verifier), TypeError);
    }
  });

  it("offers the same functions as methods", async () => {
    const pkce = new Pkce();
    const pair = await pkce.generate();
    assert.equal(
      await pkce.generateCodeChallenge(pair.codeVerifier),
      pair.codeChallenge,
    );
    assert.equal(pkce.generateCodeVerifier(60).length, 60);
  });
});
