/**
 * Everything the SDK hands back that could carry a secret, produced with
 * recognisable secrets: clients, results, errors of every kind, helper
 * objects and log lines. The secrets test renders each through every sink
 * in its own process; `_console_child.ts` prints them with `console.log`.
 *
 * @module
 */

import { WorkOSClient } from "../../src/client.ts";
import type { Logger } from "../../src/core/logger.ts";
import { AccessTokens } from "../../src/helpers/access_tokens.ts";
import { Actions } from "../../src/helpers/actions.ts";
import { AuthUrls } from "../../src/helpers/auth_urls.ts";
import { Sessions } from "../../src/helpers/sessions.ts";
import { Webhooks } from "../../src/helpers/webhooks.ts";
import { startFakeWorkOS } from "../../src/testing/mod.ts";
import { makeKey, signToken } from "../helpers/_auth_server.ts";

/** The secrets, each with a core that also catches a truncated copy. */
export const SECRETS = {
  apiKey: "sk_test_LEAKCHECK_apikey_9d2f41c7b0e3a5",
  clientSecret: "cs_LEAKCHECK_clientsecret_5b7e03f1d9",
  cookiePassword: "LEAKCHECK-cookie-password-0c6a1e4f-at-least-32",
  webhookSecret: "whsec_LEAKCHECK_webhook_8e4b27d3c6",
} as const;

/** The part of each secret searched for besides the whole. */
export const SECRET_CORES: Record<keyof typeof SECRETS, string> = {
  apiKey: "apikey_9d2f41",
  clientSecret: "clientsecret_5b7e03",
  cookiePassword: "cookie-password-0c6a1e",
  webhookSecret: "webhook_8e4b27",
};

/** Which secrets, whole or in part, a text contains. */
export function secretsIn(text: string): string[] {
  const found: string[] = [];
  for (const name of Object.keys(SECRETS) as (keyof typeof SECRETS)[]) {
    if (text.includes(SECRETS[name]) || text.includes(SECRET_CORES[name])) {
      found.push(name);
    }
  }
  return found;
}

/** One thing the SDK produced, to be rendered through every sink. */
export interface Exhibit {
  label: string;
  value: unknown;
}

/** What {@link produceExhibits} made. */
export interface Exhibits {
  exhibits: Exhibit[];
  /** Every log line the clients wrote, at every level. */
  logLines: unknown[][];
}

/** Waits for a call and keeps whatever it settled with. */
async function outcome(
  exhibits: Exhibit[],
  label: string,
  run: () => unknown,
): Promise<void> {
  try {
    exhibits.push({ label, value: await run() });
  } catch (error) {
    exhibits.push({ label, value: error });
  }
}

/**
 * Makes the SDK produce everything worth searching, against a fake of its
 * own that accepts the recognisable API key.
 *
 * @param logger Where the clients log; a recorder of `logLines` when
 * absent.
 */
export async function produceExhibits(logger?: Logger): Promise<Exhibits> {
  const key = await makeKey("kid_leakcheck");
  await using fake = await startFakeWorkOS({
    apiKey: SECRETS.apiKey,
    jwks: { keys: [key.jwk] },
  });
  const logLines: unknown[][] = [];
  const record = (level: string) => (...parts: unknown[]) =>
    logLines.push([level, ...parts]);
  const sink: Logger = logger ?? {
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
  };
  const options = {
    authorizationToken: SECRETS.apiKey,
    clientId: fake.clientId,
    baseUrl: fake.url,
    logger: sink,
    logLevel: "debug" as const,
    backoff: { initialDelayInSeconds: 0.01, maxDelayInSeconds: 0.02 },
  };
  const workos = new WorkOSClient(options);
  const exhibits: Exhibit[] = [
    { label: "the client", value: workos },
    { label: "a resource group", value: workos.organizations },
  ];

  // Results.
  const [org] = fake.seedOrganizations(3);
  await outcome(exhibits, "a result", () => workos.organizations.get(org.id));
  await outcome(
    exhibits,
    "a result with its raw response",
    () => workos.organizations.get(org.id).withRawResponse(),
  );
  exhibits.push({
    label: "a pending call",
    value: workos.organizations.list(),
  });
  await outcome(
    exhibits,
    "a page",
    () => workos.organizations.list({ limit: 1 }),
  );

  // API errors of every class the client throws.
  for (const status of [400, 401, 403, 404, 409, 422, 429, 500, 503]) {
    fake.injectFault({ path: "/organizations", status, times: 3 });
    await outcome(
      exhibits,
      `a ${status} error`,
      () => workos.organizations.create({ name: "Leak check" }),
    );
    fake.clearFaults();
  }
  fake.injectFault({
    path: "/organizations",
    status: 502,
    body: "<html>Bad Gateway</html>",
    times: 3,
  });
  await outcome(
    exhibits,
    "a proxy's HTML error",
    () => workos.organizations.list(),
  );
  fake.clearFaults();
  fake.injectFault({
    path: "/organizations",
    dropConnection: "before",
    times: 3,
  });
  await outcome(
    exhibits,
    "a ConnectionError",
    () => workos.organizations.list(),
  );
  fake.clearFaults();
  fake.injectFault({ path: "/organizations", delayMs: 5000, times: 3 });
  await outcome(
    exhibits,
    "a TimeoutError",
    () =>
      workos.organizations.list({}, { timeoutInSeconds: 0.1, maxRetries: 0 }),
  );
  fake.clearFaults();
  await outcome(
    exhibits,
    "an unknown route",
    () => workos.request({ method: "GET", path: "/nowhere" }),
  );
  const closed = await startFakeWorkOS();
  await closed.close();
  const refused = new WorkOSClient({
    ...options,
    baseUrl: closed.url,
    maxRetries: 0,
  });
  await outcome(
    exhibits,
    "a refused connection",
    () => refused.organizations.list(),
  );
  fake.injectFault({ path: "/organizations", status: 200, body: '{"trunc' });
  await outcome(
    exhibits,
    "an unparsable answer",
    () =>
      workos.organizations.get(org.id).then(() => workos.organizations.list()),
  );
  fake.clearFaults();

  // Calls that carry a client secret in their body.
  await outcome(
    exhibits,
    "a failed call with a client secret in its body",
    () =>
      workos.pipes.updateClientCredentials("salesforce", {
        userId: "user_1",
        clientId: "client_1",
        clientSecret: SECRETS.clientSecret,
      }),
  );
  await outcome(
    exhibits,
    "a failed code exchange, the API key as client secret",
    () => workos.sso.getProfileAndToken({ code: "code_1" }),
  );

  // Bad arguments and options while secrets are set.
  await outcome(
    exhibits,
    "the API key where the options belong",
    () => new WorkOSClient(SECRETS.apiKey as never),
  );
  await outcome(
    exhibits,
    "the API key where params belong",
    () => workos.organizations.create(SECRETS.apiKey as never),
  );
  await outcome(
    exhibits,
    "a bad option beside the API key",
    () => new WorkOSClient({ ...options, maxRetries: -1 }),
  );
  await outcome(
    exhibits,
    "a bad request option",
    () => workos.organizations.list({}, { timeoutInSeconds: -1 }),
  );
  await outcome(
    exhibits,
    "a header carrying a secret, invalid",
    () =>
      new WorkOSClient({
        ...options,
        headers: { "x-secret": `${SECRETS.clientSecret}\nx-next: 1` },
      }),
  );

  // Sealed sessions.
  const sessions = new Sessions(workos);
  exhibits.push({ label: "the sessions helper", value: sessions });
  const accessToken = await signToken(key, {
    iss: fake.url,
    sid: "session_1",
    sub: "user_1",
    org_id: "org_1",
  });
  const sessionData = {
    accessToken,
    refreshToken: "refresh_LEAKCHECK",
    user: { id: "user_1", email: "ada@example.com" },
  };
  const sealed = await sessions.seal(sessionData, {
    cookiePassword: SECRETS.cookiePassword,
  });
  exhibits.push({ label: "a sealed session cookie", value: sealed });
  const loaded = sessions.load({
    sessionData: sealed,
    cookiePassword: SECRETS.cookiePassword,
  });
  exhibits.push({ label: "a loaded session", value: loaded });
  await outcome(
    exhibits,
    "an unsealed session",
    () => sessions.unseal(sealed, { cookiePassword: SECRETS.cookiePassword }),
  );
  await outcome(
    exhibits,
    "a cookie opened with another password",
    () =>
      sessions.unseal(sealed, {
        cookiePassword: "another-password-that-is-long-enough-32",
      }),
  );
  await outcome(
    exhibits,
    "a cookie sealed with another password",
    async () =>
      sessions.unseal(
        await sessions.seal(sessionData, {
          cookiePassword: "another-password-that-is-long-enough-32",
        }),
        { cookiePassword: SECRETS.cookiePassword },
      ),
  );
  await outcome(
    exhibits,
    "a cookie password too short",
    () =>
      sessions.seal(sessionData, {
        cookiePassword: SECRETS.cookiePassword.slice(0, 24),
      }),
  );
  await outcome(
    exhibits,
    "a tampered cookie",
    () =>
      sessions.authenticate({
        sessionData: sealed.slice(0, -12) + "AAAAAAAAAAAA",
        cookiePassword: SECRETS.cookiePassword,
      }),
  );
  await outcome(
    exhibits,
    "an authenticated session",
    () => loaded.authenticate(),
  );
  await outcome(exhibits, "a refresh the API refuses", () => loaded.refresh());
  await outcome(
    exhibits,
    "a logout URL",
    () => loaded.getLogoutUrl({ returnTo: "https://app.example/bye" }),
  );
  await outcome(
    exhibits,
    "the cookie password where options belong",
    () => sessions.load(SECRETS.cookiePassword as never),
  );

  // Webhooks and Actions.
  const webhooks = new Webhooks();
  const actions = new Actions();
  const body = JSON.stringify({
    id: "event_1",
    event: "user.created",
    data: { id: "user_1" },
    created_at: new Date().toISOString(),
  });
  const header = await webhooks.createSignatureHeader({
    payload: body,
    secret: SECRETS.webhookSecret,
  });
  exhibits.push({ label: "a webhook signature header", value: header });
  await outcome(
    exhibits,
    "a verified webhook event",
    () =>
      webhooks.constructEvent({
        payload: body,
        sigHeader: header,
        secret: SECRETS.webhookSecret,
      }),
  );
  await outcome(
    exhibits,
    "a webhook signed with another secret",
    () =>
      webhooks.constructEvent({
        payload: body,
        sigHeader: header,
        secret: `${SECRETS.webhookSecret}-other`,
      }),
  );
  await outcome(
    exhibits,
    "a webhook with a malformed header",
    () =>
      webhooks.constructEvent({
        payload: body,
        sigHeader: "t=1,v1=zz",
        secret: SECRETS.webhookSecret,
      }),
  );
  await outcome(
    exhibits,
    "a stale webhook",
    async () =>
      webhooks.constructEvent({
        payload: body,
        sigHeader: await webhooks.createSignatureHeader({
          payload: body,
          secret: SECRETS.webhookSecret,
          timestamp: 1,
        }),
        secret: SECRETS.webhookSecret,
      }),
  );
  await outcome(
    exhibits,
    "a webhook secret of the wrong type",
    () =>
      webhooks.constructEvent({
        payload: body,
        sigHeader: header,
        secret: 42 as never,
      }),
  );
  await outcome(
    exhibits,
    "a webhook payload of the wrong type",
    () =>
      webhooks.constructEvent({
        payload: { parsed: true } as never,
        sigHeader: header,
        secret: SECRETS.webhookSecret,
      }),
  );
  await outcome(
    exhibits,
    "an Action signed with another secret",
    () =>
      actions.constructAction({
        payload: body,
        sigHeader: header,
        secret: `${SECRETS.webhookSecret}-other`,
      }),
  );
  await outcome(
    exhibits,
    "a signed Action response",
    () =>
      actions.signResponse(
        { type: "authentication", verdict: "Allow" },
        SECRETS.webhookSecret,
      ),
  );

  // Access tokens and URLs.
  const tokens = new AccessTokens(workos);
  exhibits.push({ label: "the access-token helper", value: tokens });
  await outcome(
    exhibits,
    "a garbage access token",
    () => tokens.verifyAccessToken("not-a-jwt"),
  );
  await outcome(
    exhibits,
    "verified access-token claims",
    () => tokens.verifyAccessToken(accessToken),
  );
  const stranger = await makeKey("kid_unknown");
  await outcome(
    exhibits,
    "an access token the JWKS cannot verify",
    async () =>
      tokens.verifyAccessToken(await signToken(stranger, { sid: "session_2" })),
  );
  const urls = new AuthUrls(workos);
  await outcome(
    exhibits,
    "an SSO authorization URL",
    () =>
      urls.getSsoAuthorizationUrl({
        redirectUri: "https://app.example/callback",
        organization: "org_1",
      }),
  );
  await outcome(exhibits, "a JWKS URL", () => urls.getJwksUrl());

  return { exhibits, logLines };
}
