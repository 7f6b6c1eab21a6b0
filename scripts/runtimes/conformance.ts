/**
 * The conformance script every runtime of the matrix runs against the
 * local fake: create, list across pages, a 404 mapped to its error class,
 * a retried 503 and a timeout, through `workos.organizations`; then, on
 * the runtime's WebCrypto, a webhook signed and verified and a tampered
 * one refused through `workos.webhooks`, and an access token the runner
 * signed verified against the fake's JWKS, and an expired one refused,
 * through `workos.accessTokens`. It uses only the public surface of the
 * SDK module it is handed, so the same code tests mod.ts and the npm
 * build.
 *
 * @module
 */

import type * as Sdk from "../../mod.ts";

/** What the runner tells the runtime about the fake it prepared. */
export interface ConformanceConfig {
  /** The fake's origin, on 127.0.0.1. */
  baseUrl: string;
  /** The fake's API key. */
  apiKey: string;
  /** Page size for the list walk. */
  pageSize: number;
  /** Organizations seeded before the run (the run creates one more). */
  seeded: number;
  /** An organization whose first GET the fake answers with a 503. */
  retryId: string;
  /** An organization whose GET the fake holds longer than the timeout. */
  slowId: string;
  /** The client id whose JWKS the fake serves. */
  clientId: string;
  /** Access tokens the runner signed with a key of that JWKS. */
  accessTokens: {
    /** Valid for a few minutes, issued for the fake's origin. */
    valid: string;
    /** The same claims, expired a minute ago. */
    expired: string;
    /** The `sub` claim of both. */
    userId: string;
    /** The `org_id` claim of both. */
    organizationId: string;
  };
}

/** The outcome of one check. */
export interface Check {
  /** Short name, such as create, list, 404 or token. */
  name: string;
  /** Whether it passed. */
  ok: boolean;
  /** What was seen, or why it failed. */
  detail: string;
}

/** What a runtime prints, as one JSON line after {@link REPORT_PREFIX}. */
export interface Report {
  /** The runtime as it names itself, such as `node v18.20.8 (cjs)`. */
  runtime: string;
  /** Every check, in order. */
  checks: Check[];
}

/** Marks the line of a runtime's output that carries its report. */
export const REPORT_PREFIX = "CONFORMANCE_REPORT ";

/** The attempt timeout of the timeout check, in seconds. */
export const TIMEOUT_SECONDS = 0.5;

const WEBHOOK_SECRET = "whsec_conformance";

/**
 * Runs every check; a check that throws fails alone.
 *
 * @param sdk The SDK module: mod.ts or the npm package.
 * @param config The fake prepared by the runner.
 * @param runtime The runtime's name for the report.
 * @returns The report.
 */
export async function runConformance(
  sdk: typeof Sdk,
  config: ConformanceConfig,
  runtime: string,
): Promise<Report> {
  const warnings: string[] = [];
  const workos = new sdk.WorkOSClient({
    authorizationToken: config.apiKey,
    clientId: config.clientId,
    baseUrl: config.baseUrl,
    backoff: { initialDelayInSeconds: 0.05, maxDelayInSeconds: 0.2 },
    logLevel: "warn",
    logger: {
      debug: () => {},
      info: () => {},
      warn: (message) => warnings.push(message),
      error: () => {},
    },
  });
  const checks: Check[] = [];
  const check = async (name: string, body: () => Promise<string>) => {
    try {
      checks.push({ name, ok: true, detail: await body() });
    } catch (error) {
      checks.push({ name, ok: false, detail: describe(error) });
    }
  };

  await check("create", async () => {
    const name = `Conformance ${runtime}`;
    const org = await workos.organizations.create({ name });
    expect(org.id.startsWith("org_"), `an org_ id, got ${org.id}`);
    expect(org.name === name, `the name back, got ${org.name}`);
    return org.id;
  });

  await check("list", async () => {
    const total = config.seeded + 1;
    const first = await workos.organizations.list({ limit: config.pageSize });
    expect(
      first.data.length === config.pageSize && first.hasNextPage(),
      `a full first page with more after it, got ${first.data.length}`,
    );
    const ids = new Set<string>();
    for await (const org of first) ids.add(org.id);
    expect(
      ids.size === total,
      `${total} distinct organizations, got ${ids.size}`,
    );
    return `${ids.size} organizations in pages of ${config.pageSize}`;
  });

  await check("404", async () => {
    const error = await rejection(workos.organizations.get("org_missing"));
    expect(
      error instanceof sdk.NotFoundError && error.statusCode === 404,
      `a NotFoundError with status 404, got ${describe(error)}`,
    );
    return "NotFoundError 404";
  });

  await check("retry", async () => {
    const before = warnings.length;
    const org = await workos.organizations.get(config.retryId, {
      maxRetries: 2,
    });
    const retries = warnings.slice(before).filter((m) =>
      m.startsWith("Retrying")
    );
    expect(org.id === config.retryId, `the organization, got ${org.id}`);
    expect(retries.length === 1, `one retry logged, got ${retries.length}`);
    return "503 then 200, one retry";
  });

  await check("timeout", async () => {
    const started = Date.now();
    const error = await rejection(workos.organizations.get(config.slowId, {
      maxRetries: 0,
      timeoutInSeconds: TIMEOUT_SECONDS,
    }));
    const elapsed = Date.now() - started;
    expect(
      error instanceof sdk.TimeoutError,
      `a TimeoutError, got ${describe(error)}`,
    );
    expect(elapsed < 5000, `the timeout to cut the wait, took ${elapsed} ms`);
    return `TimeoutError after ${elapsed} ms`;
  });

  const delivery = (data: Record<string, unknown>) =>
    JSON.stringify({
      id: "event_conformance",
      event: "organization.updated",
      data,
      created_at: new Date().toISOString(),
    });

  await check("webhook", async () => {
    const payload = delivery({ id: "org_conformance", name: "Foo Corp" });
    const sigHeader = await workos.webhooks.createSignatureHeader({
      payload,
      secret: WEBHOOK_SECRET,
    });
    const event = await workos.webhooks.constructEvent({
      payload,
      sigHeader,
      secret: WEBHOOK_SECRET,
    });
    expect(
      event.id === "event_conformance" && event.data.name === "Foo Corp",
      `the signed event back, got ${JSON.stringify(event)}`,
    );
    return `${event.event} signed and verified`;
  });

  await check("tampered webhook", async () => {
    const payload = delivery({ id: "org_conformance", name: "Foo Corp" });
    const sigHeader = await workos.webhooks.createSignatureHeader({
      payload,
      secret: WEBHOOK_SECRET,
    });
    const error = await rejection(workos.webhooks.constructEvent({
      payload: payload.replace("Foo Corp", "Bar Corp"),
      sigHeader,
      secret: WEBHOOK_SECRET,
    }));
    expect(
      error instanceof sdk.SignatureVerificationError &&
        error.reason === "signature_mismatch",
      `a SignatureVerificationError for a mismatch, got ${describe(error)}`,
    );
    return "SignatureVerificationError signature_mismatch";
  });

  await check("token", async () => {
    const { valid, userId, organizationId } = config.accessTokens;
    const claims = await workos.accessTokens.verifyAccessToken(valid);
    expect(claims.userId === userId, `user ${userId}, got ${claims.userId}`);
    expect(
      claims.organizationId === organizationId,
      `organization ${organizationId}, got ${claims.organizationId}`,
    );
    return `RS256 token of ${claims.userId} in ${claims.organizationId}`;
  });

  await check("expired token", async () => {
    const error = await rejection(
      workos.accessTokens.verifyAccessToken(config.accessTokens.expired),
    );
    expect(
      error instanceof sdk.AccessTokenError && error.reason === "expired",
      `an AccessTokenError for expiry, got ${describe(error)}`,
    );
    return "AccessTokenError expired";
  });

  return { runtime, checks };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to fail, but it succeeded");
}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(`Expected ${what}`);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
