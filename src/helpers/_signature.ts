/**
 * The `WorkOS-Signature` scheme shared by webhooks and Actions:
 * `t=<milliseconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 *
 * @module
 */

import { describe } from "../core/options.ts";
import { webCrypto } from "../core/web_crypto.ts";
import { SignatureVerificationError } from "./signature_error.ts";

/** The raw body of a signed request, exactly as it arrived. */
export type RawPayload = string | Uint8Array | ArrayBuffer;

/** What {@link verifySignature} needs. */
export interface VerifyInput {
  payload: RawPayload;
  sigHeader: string | null | undefined;
  secret: string;
  /** Milliseconds. */
  tolerance: number;
}

const encoder = new TextEncoder();
const HEX_SIGNATURE = /^[0-9a-fA-F]{64}$/;

/**
 * Throws unless the secret is a non-empty string; the message names its
 * type or length, never its value.
 */
export function checkSecret(goal: string, secret: unknown): string {
  if (typeof secret !== "string" || secret === "") {
    throw new TypeError(
      `Cannot ${goal} as 'secret' must be a non-empty string: received ${
        secret === "" ? "an empty string" : describeType(secret)
      }`,
    );
  }
  return secret;
}

/** Throws unless the tolerance is a finite number of milliseconds above 0. */
export function checkTolerance(goal: string, tolerance: unknown): number {
  if (
    typeof tolerance !== "number" || !Number.isFinite(tolerance) ||
    tolerance <= 0
  ) {
    throw new RangeError(
      `Cannot ${goal} as 'tolerance' must be a finite number of milliseconds above 0: received ${
        describe(tolerance)
      }`,
    );
  }
  return tolerance;
}

/**
 * The bytes of the raw body. Strings are UTF-8 encoded, as the body was on
 * the wire; bytes are used as they are, so nothing is lost to decoding.
 */
export function payloadBytes(goal: string, payload: unknown): Uint8Array {
  if (typeof payload === "string") return encoder.encode(payload);
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(
      payload.buffer,
      payload.byteOffset,
      payload.byteLength,
    );
  }
  if (
    payload instanceof ArrayBuffer ||
    Object.prototype.toString.call(payload) === "[object ArrayBuffer]"
  ) {
    return new Uint8Array(payload as ArrayBuffer);
  }
  throw new TypeError(
    `Cannot ${goal} as 'payload' must be the raw body as a string, Uint8Array or ArrayBuffer, not parsed JSON: received ${
      describeType(payload)
    }`,
  );
}

/**
 * Computes the hex `v1` signature of a body at a timestamp.
 *
 * @param timestamp The `t` value, milliseconds since the epoch as text.
 * @param body The raw body.
 * @param secret The signing secret.
 * @returns 64 lowercase hex digits.
 */
export async function computeSignature(
  timestamp: string,
  body: Uint8Array,
  secret: string,
): Promise<string> {
  const key = await hmacKey(secret, "sign");
  const mac = await webCrypto().subtle.sign(
    "HMAC",
    key,
    signedMessage(timestamp, body),
  );
  return toHex(new Uint8Array(mac));
}

/**
 * Builds a `WorkOS-Signature` header value for a body.
 *
 * @param goal What the caller is doing, for error messages.
 * @param payload The raw body.
 * @param secret The signing secret.
 * @param timestamp Milliseconds since the epoch.
 * @returns The header value.
 */
export async function signatureHeader(
  goal: string,
  payload: unknown,
  secret: unknown,
  timestamp: unknown,
): Promise<string> {
  const key = checkSecret(goal, secret);
  const body = payloadBytes(goal, payload);
  if (
    typeof timestamp !== "number" || !Number.isSafeInteger(timestamp) ||
    timestamp < 0
  ) {
    throw new RangeError(
      `Cannot ${goal} as 'timestamp' must be a whole number of milliseconds since the epoch: received ${
        describe(timestamp)
      }`,
    );
  }
  const t = String(timestamp);
  return `t=${t},v1=${await computeSignature(t, body, key)}`;
}

/**
 * Checks a `WorkOS-Signature` header against the raw body: the header is
 * present and well formed, its timestamp is within the tolerance of now
 * (either way, so a replayed or forward-dated request fails), and one of
 * its `v1` signatures matches. The comparison is WebCrypto's HMAC verify,
 * which runs in constant time.
 *
 * @param goal What the caller is doing, for error messages.
 * @param input The body, header, secret and tolerance.
 * @param now The current time in milliseconds.
 * @returns The body's bytes, for parsing.
 * @throws {SignatureVerificationError} When a check fails.
 * @throws {TypeError} When an argument has the wrong type.
 * @throws {RangeError} When the tolerance is not above 0.
 */
export async function verifySignature(
  goal: string,
  input: VerifyInput,
  now: number = Date.now(),
): Promise<Uint8Array> {
  const secret = checkSecret(goal, input.secret);
  const tolerance = checkTolerance(goal, input.tolerance);
  const body = payloadBytes(goal, input.payload);
  const { timestamp, signatures } = parseHeader(goal, input.sigHeader);

  const skewMs = now - Number(timestamp);
  if (Math.abs(skewMs) > tolerance) {
    const side = skewMs > 0 ? "in the past" : "in the future";
    throw new SignatureVerificationError(
      "stale_timestamp",
      `Cannot ${goal} as its signature timestamp is ${
        seconds(Math.abs(skewMs))
      } s ${side}, beyond the tolerance of ${
        seconds(tolerance)
      } s: it may be a replay, or the clocks disagree`,
    );
  }

  const subtle = webCrypto().subtle;
  const key = await hmacKey(secret, "verify");
  const message = signedMessage(timestamp, body);
  for (const signature of signatures) {
    if (await subtle.verify("HMAC", key, signature, message)) {
      return body;
    }
  }
  throw new SignatureVerificationError(
    "signature_mismatch",
    `Cannot ${goal} as no v1 signature in the WorkOS-Signature header matches the payload: check the secret, and pass the raw body rather than re-serialized JSON`,
  );
}

function parseHeader(
  goal: string,
  header: unknown,
): { timestamp: string; signatures: Uint8Array<ArrayBuffer>[] } {
  if (header === undefined || header === null || header === "") {
    throw new SignatureVerificationError(
      "missing_header",
      `Cannot ${goal} as the WorkOS-Signature header is missing: pass its value as 'sigHeader'`,
    );
  }
  if (typeof header !== "string") {
    throw new TypeError(
      `Cannot ${goal} as 'sigHeader' must be the WorkOS-Signature header as a string: received ${
        describeType(header)
      }`,
    );
  }

  let timestamp: string | undefined;
  const signatures: Uint8Array<ArrayBuffer>[] = [];
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (name === "t" && timestamp === undefined) timestamp = value;
    // Other schemes are skipped, so a future v2 does not break v1 checks.
    if (name === "v1") {
      if (!HEX_SIGNATURE.test(value)) {
        throw malformed(
          goal,
          `its v1 signature is not 64 hex digits (found ${value.length} characters)`,
        );
      }
      signatures.push(fromHex(value));
    }
  }

  if (timestamp === undefined) throw malformed(goal, "it has no t= timestamp");
  if (!/^\d{1,16}$/.test(timestamp)) {
    throw malformed(
      goal,
      `its t= timestamp must be milliseconds since the epoch: found ${
        describe(timestamp)
      }`,
    );
  }
  if (signatures.length === 0) throw malformed(goal, "it has no v1= signature");
  return { timestamp, signatures };
}

function malformed(goal: string, detail: string): SignatureVerificationError {
  return new SignatureVerificationError(
    "malformed_header",
    `Cannot ${goal} as the WorkOS-Signature header is malformed, ${detail}: expected "t=<milliseconds>,v1=<hex signature>"`,
  );
}

function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return webCrypto().subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    [usage],
  );
}

function signedMessage(
  timestamp: string,
  body: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const message = new Uint8Array(prefix.length + body.length);
  message.set(prefix);
  message.set(body, prefix.length);
  return message;
}

function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** Describes a value by its type only, for arguments that may be secret. */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") {
    return `a string of ${value.length} characters`;
  }
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Throws unless the options are an object. */
export function checkOptions(goal: string, options: unknown): void {
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      `Cannot ${goal} as its options must be an object: received ${
        describeType(options)
      }`,
    );
  }
}

/** Decodes a verified UTF-8 body as JSON. */
export function parseJson(goal: string, body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch (cause) {
    throw new TypeError(
      `Cannot ${goal} as its body is not valid JSON, although its signature is valid`,
      { cause },
    );
  }
}
