import { CoreClient } from "../../src/core/core_client.ts";
import type { ClientOptions } from "../../src/core/options.ts";
import { type FakeWorkOS, startFakeWorkOS } from "../../src/testing/mod.ts";

/** Short delays so retry tests stay quick; tests that measure them set their own. */
export const FAST_BACKOFF = {
  initialDelayInSeconds: 0.01,
  maxDelayInSeconds: 0.05,
};

/** Runs `fn` with a fresh fake and a client pointed at it, then closes the fake. */
export async function withFake(
  fn: (fake: FakeWorkOS, client: CoreClient) => Promise<void>,
  options: ClientOptions = {},
): Promise<void> {
  const fake = await startFakeWorkOS();
  try {
    const client = new CoreClient({
      authorizationToken: fake.apiKey,
      baseUrl: fake.url,
      backoff: FAST_BACKOFF,
      ...options,
    });
    await fn(fake, client);
  } finally {
    await fake.close();
  }
}

/** Resolves once `check` holds, polling; rejects after `ms`. */
export async function eventually(
  check: () => boolean,
  ms = 5000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("Condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
