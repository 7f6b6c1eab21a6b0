/**
 * PKCE (RFC 7636) for public clients that cannot keep a client secret:
 * a random code verifier and its S256 challenge, on WebCrypto.
 *
 * @example Start an authorization with PKCE
 * ```ts
 * import { generatePkce } from "@workos/workos/pkce";
 *
 * const { codeVerifier, codeChallenge, codeChallengeMethod } =
 *   await generatePkce();
 * // Send codeChallenge and codeChallengeMethod with the authorization URL;
 * // keep codeVerifier for the code exchange.
 * console.log(codeVerifier.length, codeChallenge.length, codeChallengeMethod);
 * ```
 *
 * @module
 */

import { describe } from "../core/options.ts";
import { webCrypto } from "../core/web_crypto.ts";

/** A code verifier with its challenge. */
export interface PkcePair {
  /** The secret the client keeps and sends with the code exchange. */
  codeVerifier: string;
  /** The base64url SHA-256 of the verifier, sent with the authorization. */
  codeChallenge: string;
  /** Always `"S256"`, the only method WorkOS accepts. */
  codeChallengeMethod: "S256";
}

// RFC 7636 §4.1: 43 to 128 characters from the unreserved set.
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * Generates a random code verifier of base64url characters.
 *
 * @example Generate a verifier
 * ```ts
 * import { generateCodeVerifier } from "@workos/workos/pkce";
 *
 * console.log(generateCodeVerifier(64).length); // 64
 * ```
 *
 * @param length Its length, from 43 to 128. Default 43 (256 bits).
 * @returns The verifier.
 * @throws {RangeError} When the length is not a whole number from 43 to 128.
 */
export function generateCodeVerifier(length: number = 43): string {
  if (!Number.isInteger(length) || length < 43 || length > 128) {
    throw new RangeError(
      `Cannot generate a code verifier as 'length' must be a whole number from 43 to 128: received ${
        describe(length)
      }`,
    );
  }
  // Each base64url character carries 6 random bits, so any prefix of the
  // encoding is uniformly random.
  const bytes = webCrypto().getRandomValues(
    new Uint8Array(Math.ceil(length * 3 / 4)),
  );
  return base64Url(bytes).slice(0, length);
}

/**
 * Derives the S256 code challenge of a verifier.
 *
 * @example Derive the RFC 7636 example's challenge
 * ```ts
 * import { generateCodeChallenge } from "@workos/workos/pkce";
 *
 * const challenge = await generateCodeChallenge(
 *   "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
 * );
 * console.log(challenge); // "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
 * ```
 *
 * @param verifier The code verifier.
 * @returns The base64url SHA-256 of the verifier, without padding.
 * @throws {TypeError} When the verifier is not 43 to 128 unreserved
 * characters.
 */
export async function generateCodeChallenge(verifier: string): Promise<string> {
  if (typeof verifier !== "string" || !VERIFIER.test(verifier)) {
    throw new TypeError(
      `Cannot derive a code challenge as the verifier must be 43 to 128 characters of A-Z, a-z, 0-9 and "-._~": received ${
        typeof verifier === "string"
          ? `a string of ${verifier.length} characters`
          : describe(verifier)
      }`,
    );
  }
  const digest = await webCrypto().subtle.digest(
    "SHA-256",
    new TextEncoder().encode(verifier),
  );
  return base64Url(new Uint8Array(digest));
}

/**
 * Generates a code verifier and its S256 challenge.
 *
 * @example Generate a pair
 * ```ts
 * import { generatePkce } from "@workos/workos/pkce";
 *
 * const pair = await generatePkce();
 * console.log(pair.codeChallengeMethod); // "S256"
 * ```
 *
 * @returns The verifier, the challenge and the method.
 */
export async function generatePkce(): Promise<PkcePair> {
  const codeVerifier = generateCodeVerifier();
  return {
    codeVerifier,
    codeChallenge: await generateCodeChallenge(codeVerifier),
    codeChallengeMethod: "S256",
  };
}

/**
 * The PKCE functions as methods, for the client facade
 * (`workos.pkce.generate()`).
 *
 * @example Generate a pair through the class
 * ```ts
 * import { Pkce } from "@workos/workos/pkce";
 *
 * const { codeVerifier } = await new Pkce().generate();
 * console.log(codeVerifier.length); // 43
 * ```
 */
export class Pkce {
  /**
   * Generates a random code verifier.
   *
   * @param length Its length, from 43 to 128. Default 43.
   * @returns The verifier.
   * @throws {RangeError} When the length is out of range.
   */
  generateCodeVerifier(length?: number): string {
    return generateCodeVerifier(length);
  }

  /**
   * Derives the S256 code challenge of a verifier.
   *
   * @param verifier The code verifier.
   * @returns The challenge.
   * @throws {TypeError} When the verifier is not a valid verifier.
   */
  generateCodeChallenge(verifier: string): Promise<string> {
    return generateCodeChallenge(verifier);
  }

  /**
   * Generates a code verifier and its S256 challenge.
   *
   * @returns The verifier, the challenge and the method.
   */
  generate(): Promise<PkcePair> {
    return generatePkce();
  }
}

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}
