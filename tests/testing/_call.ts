import type { FakeWorkOS } from "../../src/testing/mod.ts";

/** An answer of the fake, read completely. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // deno-lint-ignore no-explicit-any
  json: any;
}

/** Options of {@link call}. */
export interface CallInit {
  body?: unknown;
  headers?: Record<string, string>;
  apiKey?: string | null;
  signal?: AbortSignal;
}

/**
 * Sends one request to the fake with global fetch and reads the whole
 * answer. A string body is sent as is, anything else as JSON.
 */
export async function call(
  fake: FakeWorkOS,
  method: string,
  path: string,
  init: CallInit = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  const apiKey = init.apiKey === undefined ? fake.apiKey : init.apiKey;
  if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers["content-type"] = "application/json";
    body = typeof init.body === "string"
      ? init.body
      : JSON.stringify(init.body);
  }
  const res = await fetch(fake.url + path, {
    method,
    headers,
    body,
    signal: init.signal,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Waits until a condition holds, checking every 10 ms, for up to 2 s. */
export async function until(condition: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
