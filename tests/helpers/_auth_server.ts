/**
 * A local stand-in for the two WorkOS endpoints the session helpers call:
 * the JWKS (`GET /sso/jwks/{clientId}`) and the token exchange
 * (`POST /user_management/authenticate`), on 127.0.0.1 with keys made in
 * the test.
 */

import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from "jose";

export const CLIENT_ID = "client_01TEST";
export const API_KEY = "sk_test_interop_api_key_do_not_log";

/** An RSA key pair with its published JWK. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

/** Makes an RS256 key pair whose public half can be published. */
export async function makeKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", {
    extractable: true,
  });
  const jwk = { ...await exportJWK(publicKey), kid, alg: "RS256", use: "sig" };
  return { kid, privateKey, jwk };
}

/** Signs an access token; `exp` defaults to five minutes from now. */
export function signToken(
  key: SigningKey,
  claims: JWTPayload,
  header: { kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + 300, ...claims })
    .setProtectedHeader({ alg: "RS256", kid: header.kid ?? key.kid })
    .sign(key.privateKey);
}

/** One request the server received. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

/** What a token exchange answers. */
export interface Answer {
  status: number;
  body: unknown;
}

/** The running server. */
export interface AuthServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The keys published in the JWKS; replace to rotate. */
  keys: SigningKey[];
  /** Every request, in order. */
  requests: SeenRequest[];
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  /** Answers `POST /user_management/authenticate`. */
  authenticate: (body: Record<string, unknown>) => Answer | Promise<Answer>;
  close(): Promise<void>;
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startAuthServer(keys: SigningKey[]): Promise<AuthServer> {
  const state: AuthServer = {
    url: "",
    keys,
    requests: [],
    jwksFetches: () =>
      state.requests.filter((r) => r.path.startsWith("/sso/jwks/")).length,
    authenticate: () => ({ status: 500, body: { message: "not set up" } }),
    close: () => Promise.resolve(),
  };

  const server = createServer(async (req, res) => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(chunk as Uint8Array);
    const text = new TextDecoder().decode(concat(chunks));
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const body = text === "" ? undefined : JSON.parse(text);
    state.requests.push({
      method: req.method ?? "",
      path,
      headers: req.headers,
      body,
    });

    let answer: Answer;
    if (req.method === "GET" && path === `/sso/jwks/${CLIENT_ID}`) {
      answer = { status: 200, body: { keys: state.keys.map((k) => k.jwk) } };
    } else if (
      req.method === "POST" && path === "/user_management/authenticate"
    ) {
      answer = await state.authenticate(body ?? {});
    } else {
      answer = {
        status: 404,
        body: { message: `No route ${req.method} ${path}` },
      };
    }
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return state;
}

/** A user as the API sends it (snake_case). */
export function wireUser(id = "user_01TEST"): Record<string, unknown> {
  return {
    object: "user",
    id,
    email: "ada@example.com",
    email_verified: true,
    first_name: "Ada",
    last_name: "Lovelace",
    profile_picture_url: null,
    external_id: null,
    last_sign_in_at: "2024-01-01T00:00:00.000Z",
    metadata: { favourite_colour: "green" },
    created_at: "2024-01-01T00:00:00.000Z",
    updated_at: "2024-01-01T00:00:00.000Z",
  };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}
