/**
 * Seals and opens session cookies in the format of the official WorkOS
 * SDKs: an iron (`Fe26.2`) seal under password id `1`, with no expiry,
 * followed by `~2`.
 *
 * @module
 */

import { loadIron } from "./_lazy_deps.ts";
import { readEnv } from "../core/env.ts";
import { webCrypto } from "../core/web_crypto.ts";
import { describeType } from "./_signature.ts";
import { SessionCookieError } from "./session_cookie_error.ts";

const PASSWORD_ID = "1";
const FORMAT_VERSION = "2";
const MIN_PASSWORD_LENGTH = 32;
// The session's own tokens expire; the seal itself does not, as in the
// official SDKs, so cookies move freely between the two.
async function ironWithOptions() {
  const iron = await loadIron();
  return {
    iron,
    options: { ...iron.defaults, ttl: 0, encode: JSON.stringify },
  };
}

/**
 * The cookie password from the argument, else `WORKOS_COOKIE_PASSWORD`.
 * Throws when it is missing or shorter than iron's 32 characters; the
 * message gives only its length.
 */
export function cookiePassword(goal: string, given: unknown): string {
  const password = given ?? readEnv("WORKOS_COOKIE_PASSWORD");
  if (password === undefined) {
    throw new TypeError(
      `Cannot ${goal} as no cookie password is set: pass 'cookiePassword' or set the WORKOS_COOKIE_PASSWORD environment variable`,
    );
  }
  if (typeof password !== "string") {
    throw new TypeError(
      `Cannot ${goal} as 'cookiePassword' must be a string: received ${
        describeType(password)
      }`,
    );
  }
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new RangeError(
      `Cannot ${goal} as 'cookiePassword' must be at least ${MIN_PASSWORD_LENGTH} characters long: received ${password.length} characters`,
    );
  }
  return password;
}

/**
 * Seals JSON data into a cookie value.
 *
 * @param data The data; it must serialize to JSON.
 * @param password The cookie password, at least 32 characters.
 * @returns The sealed value.
 */
export async function sealData(
  data: unknown,
  password: string,
): Promise<string> {
  // iron-webcrypto reads the global crypto itself; see web_crypto.ts.
  webCrypto();
  const { iron, options } = await ironWithOptions();
  const sealed = await iron.seal(
    data,
    { id: PASSWORD_ID, secret: password },
    options,
  );
  return `${sealed}~${FORMAT_VERSION}`;
}

/**
 * Opens a sealed cookie value.
 *
 * @param sealed The cookie value.
 * @param password The cookie password.
 * @returns The data.
 * @throws {SessionCookieError} When the value is not a seal, was altered
 * or sealed with another password, or has expired.
 */
export async function unsealData(
  sealed: string,
  password: string,
): Promise<unknown> {
  const goal = "open the session cookie";
  if (typeof sealed !== "string" || sealed === "") {
    throw new SessionCookieError(
      "malformed",
      `Cannot ${goal} as it must be a non-empty string: received ${
        describeType(sealed)
      }`,
    );
  }
  const [body, version] = sealed.split("~");
  webCrypto();
  let data: unknown;
  try {
    const { iron, options } = await ironWithOptions();
    data = await iron.unseal(body, { [PASSWORD_ID]: password }, options);
  } catch (cause) {
    throw failure(goal, cause);
  }
  // Cookies from older SDK versions wrap the session in `persistent`.
  if (version !== undefined && version !== FORMAT_VERSION) {
    const persistent = (data as { persistent?: unknown } | null)?.persistent;
    if (persistent !== null && typeof persistent === "object") {
      return persistent;
    }
  }
  return data;
}

function failure(goal: string, cause: unknown): SessionCookieError {
  const message = cause instanceof Error ? cause.message : "";
  if (/^Expired seal/.test(message)) {
    return new SessionCookieError(
      "expired",
      `Cannot ${goal} as its seal has expired`,
      { cause },
    );
  }
  if (
    /^(Bad hmac value|Cannot find password)/.test(message) ||
    (cause instanceof DOMException && cause.name === "OperationError")
  ) {
    return new SessionCookieError(
      "tampered",
      `Cannot ${goal} as its integrity check failed: it was altered, or sealed with another cookie password`,
      { cause },
    );
  }
  return new SessionCookieError(
    "malformed",
    `Cannot ${goal} as it is not a sealed session: it may be from another application or truncated`,
    { cause },
  );
}
