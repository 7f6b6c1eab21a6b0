/**
 * The runtime matrix: runs scripts/runtimes/conformance.ts in every
 * runtime the SDK supports, each against a fresh local fake in this
 * process, reached on 127.0.0.1, and prints one pass or fail line per
 * runtime, then "ok | N passed | N failed". Exits 1 when any runtime
 * fails. The fakes serve the public half of an RS256 key made here, and
 * each runtime gets access tokens signed with it in its config, beside
 * the fake's URL.
 *
 * Usage: `deno task test:runtimes [--keep]` (builds npm/ first when it is
 * stale; `--keep` leaves the bundles and the scratch app for a look).
 *
 * @module
 */

import { installConsumer } from "../npm/consumer.ts";
import {
  ensureTools,
  requireTool,
  ROOT,
  run,
  toolBin,
  TOOLS_DIR,
} from "../tools.ts";
import {
  type ConformanceConfig,
  type Report,
  REPORT_PREFIX,
  TIMEOUT_SECONDS,
} from "./conformance.ts";
import { startFakeWorkOS } from "../../src/testing/mod.ts";
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  SignJWT,
} from "jose";

interface Esbuild {
  build(options: Record<string, unknown>): Promise<unknown>;
  stop(): void;
}

interface EsbuildPluginBuild {
  onResolve(
    options: { filter: RegExp },
    callback: (
      args: { path: string; resolveDir: string; kind: string },
    ) => Promise<{ path: string; external?: boolean } | undefined>,
  ): void;
  resolve(
    path: string,
    options: { resolveDir: string; kind: string },
  ): Promise<{ path: string; errors: unknown[] }>;
}

/** The key the runner signs access tokens with, and its public JWK. */
interface SigningKey {
  privateKey: CryptoKey;
  jwk: JWK;
}

/** One row of the matrix. */
interface Row {
  /** The runtime, as the README table names it. */
  runtime: string;
  /** How it is run. */
  how: string;
  /** What the conformance script imports there. */
  imports: string;
  /** The command, given the config as JSON. */
  command: (config: string) => string[];
  /** What the runtime must call itself, to catch a wrong binary. */
  expect: RegExp;
}

const PAGE_SIZE = 2;
const SEEDED = 4;
const ROW_TIMEOUT_MS = 90_000;
const SLOW_MS = 4 * TIMEOUT_SECONDS * 1000;

const KEY_ID = "key_conformance";
const USER_ID = "user_conformance";
const ORGANIZATION_ID = "org_conformance";

const SCRIPT = `${ROOT}scripts/runtimes`;
const MOD_TS = `${ROOT}mod.ts`;

if (import.meta.main) {
  Deno.exit(await main());
}

async function main(): Promise<number> {
  const keep = Deno.args.includes("--keep");
  await ensureTools();
  const work = await Deno.makeTempDir({ prefix: "workos-runtimes-" });
  try {
    const app = await installConsumer(await mkdir(`${work}/app`));
    await buildArtifacts(app, work);
    const bunRoot = await stageForBun(`${work}/bun`);
    const key = await makeSigningKey();
    const node18 = toolBin("node");
    const rows: Row[] = [
      {
        runtime: "Deno",
        how: "deno run",
        imports: "mod.ts",
        command: (c) => [
          Deno.execPath(),
          "run",
          "--allow-net=127.0.0.1",
          `${SCRIPT}/entries/cli.ts`,
          c,
        ],
        expect: /^deno 2\.9\./,
      },
      ...["esm", "cjs"].map((format) => ({
        runtime: "Node 18",
        how: format === "esm" ? "ES module" : "CommonJS",
        imports: "the npm build",
        command: (
          c: string,
        ) => [node18, `${app}/conformance.${ext(format)}`, c, format],
        expect: /^node v18\..* \((esm|cjs), no global crypto\)$/,
      })),
      ...["esm", "cjs"].map((format) => ({
        runtime: "Node 18 without global fetch",
        how: `--no-experimental-fetch, ${
          format === "esm" ? "ES module" : "CommonJS"
        }`,
        imports: "the npm build, via node-fetch",
        command: (c: string) => [
          node18,
          "--no-experimental-fetch",
          `${app}/conformance.${ext(format)}`,
          c,
          format,
        ],
        expect: /^node v18\..*, no global fetch, no global crypto\)$/,
      })),
      ...["esm", "cjs"].map((format) => ({
        runtime: "Node 20",
        how: format === "esm" ? "ES module" : "CommonJS",
        imports: "the npm build",
        command: (
          c: string,
        ) => ["node", `${app}/conformance.${ext(format)}`, c, format],
        expect: /^node v20\..* \((esm|cjs)\)$/,
      })),
      {
        runtime: "Bun",
        how: "bun run",
        imports: "mod.ts, TypeScript as is",
        command: (c) => [
          toolBin("bun"),
          "run",
          "--no-install",
          `${bunRoot}/scripts/runtimes/entries/cli.ts`,
          c,
        ],
        expect: /^bun \d/,
      },
      {
        runtime: "Cloudflare workerd",
        how: "miniflare",
        imports: "the npm build in a worker",
        command: (c) => [
          "node",
          `${work}/workerd_host.mjs`,
          TOOLS_DIR,
          `${app}/worker.mjs`,
          c,
        ],
        expect: /^workerd \(miniflare 4\.20260426\.0\)$/,
      },
      {
        runtime: "Vercel Edge",
        how: "@edge-runtime/vm",
        imports: "the npm build",
        command: (c) => [
          "node",
          `${work}/edge_host.mjs`,
          TOOLS_DIR,
          `${app}/edge.js`,
          c,
        ],
        expect: /^edge-runtime /,
      },
    ];

    let passed = 0;
    let failed = 0;
    for (const row of rows) {
      const line = await runRow(row, key);
      console.log(line.text);
      if (line.ok) passed++;
      else failed++;
    }
    // In the shape of deno test's closing line, which .ci/run adds up.
    console.log(
      `${failed === 0 ? "ok" : "FAILED"} | ${passed} passed | ${failed} failed`,
    );
    return failed === 0 ? 0 : 1;
  } finally {
    if (keep) console.error(`Kept the bundles and the app in ${work}`);
    else await Deno.remove(work, { recursive: true });
  }
}

function ext(format: string): string {
  return format === "esm" ? "mjs" : "cjs";
}

async function mkdir(path: string): Promise<string> {
  await Deno.mkdir(path, { recursive: true });
  return path;
}

/**
 * Copies the TypeScript Bun runs, as is, beside a node_modules that holds
 * the npm packages deno.json pins (the tools install the same versions),
 * so that Bun resolves them there instead of installing the latest ones.
 */
async function stageForBun(dir: string): Promise<string> {
  const files = [
    "mod.ts",
    "scripts/runtimes/conformance.ts",
    "scripts/runtimes/entries/cli.ts",
  ];
  const walk = async (sub: string) => {
    for await (const entry of Deno.readDir(`${ROOT}${sub}`)) {
      const path = `${sub}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (path.endsWith(".ts")) files.push(path);
    }
  };
  await walk("src");
  for (const path of files) {
    const target = `${dir}/${path}`;
    await mkdir(target.slice(0, target.lastIndexOf("/")));
    await Deno.copyFile(`${ROOT}${path}`, target);
  }
  await Deno.symlink(`${TOOLS_DIR}/node_modules`, `${dir}/node_modules`);
  return dir;
}

/**
 * Bundles the Node, worker and edge entries against the installed npm
 * package, and the Node hosts of workerd and the edge runtime.
 */
async function buildArtifacts(app: string, work: string): Promise<void> {
  const esbuild = requireTool<Esbuild>("esbuild");
  try {
    // The entries import mod.ts so that Deno type-checks them; in the
    // bundles that import becomes the npm package.
    const npmPackage = (external: boolean) => ({
      name: "mod-ts-to-npm-package",
      setup(build: EsbuildPluginBuild) {
        build.onResolve({ filter: /\/mod\.ts$/ }, async (args) => {
          if (
            new URL(args.path, `file://${args.resolveDir}/`).pathname !== MOD_TS
          ) {
            return undefined;
          }
          if (external) return { path: "workos", external: true };
          const resolved = await build.resolve("workos", {
            resolveDir: app,
            kind: args.kind,
          });
          if (resolved.errors.length > 0) {
            throw new Error("Cannot resolve the installed package 'workos'");
          }
          return { path: resolved.path };
        });
      },
    });
    const common = { bundle: true, logLevel: "warning", target: "es2022" };
    for (const format of ["esm", "cjs"]) {
      await esbuild.build({
        ...common,
        entryPoints: [`${SCRIPT}/entries/node.ts`],
        outfile: `${app}/conformance.${ext(format)}`,
        platform: "node",
        format,
        plugins: [npmPackage(true)],
      });
    }
    // As Wrangler bundles a worker.
    await esbuild.build({
      ...common,
      entryPoints: [`${SCRIPT}/entries/worker.ts`],
      outfile: `${app}/worker.mjs`,
      platform: "neutral",
      format: "esm",
      conditions: ["workerd", "worker", "browser"],
      mainFields: ["browser", "module", "main"],
      plugins: [npmPackage(false)],
    });
    // As Vercel bundles an edge function.
    await esbuild.build({
      ...common,
      entryPoints: [`${SCRIPT}/entries/edge.ts`],
      outfile: `${app}/edge.js`,
      platform: "browser",
      format: "iife",
      conditions: ["edge-light", "worker", "browser"],
      plugins: [npmPackage(false)],
    });
    for (const host of ["workerd", "edge"]) {
      await esbuild.build({
        ...common,
        entryPoints: [`${SCRIPT}/hosts/${host}.ts`],
        outfile: `${work}/${host}_host.mjs`,
        platform: "node",
        format: "esm",
      });
    }
  } finally {
    esbuild.stop();
  }
}

/** Makes the RS256 key pair whose public half the fakes serve. */
async function makeSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = await exportJWK(publicKey);
  return { privateKey, jwk: { ...jwk, kid: KEY_ID, alg: "RS256", use: "sig" } };
}

/**
 * Signs a valid and an expired AuthKit access token for the fake's
 * client, with the issuer the SDK expects for that origin.
 */
async function signAccessTokens(
  key: SigningKey,
  baseUrl: string,
  clientId: string,
): Promise<ConformanceConfig["accessTokens"]> {
  const now = Math.floor(Date.now() / 1000);
  const sign = (issuedAt: number, expiresAt: number) =>
    new SignJWT({ sid: "session_conformance", org_id: ORGANIZATION_ID })
      .setProtectedHeader({ alg: "RS256", kid: KEY_ID })
      .setIssuer(`${baseUrl}/user_management/${clientId}`)
      .setSubject(USER_ID)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(key.privateKey);
  return {
    valid: await sign(now, now + 300),
    expired: await sign(now - 360, now - 60),
    userId: USER_ID,
    organizationId: ORGANIZATION_ID,
  };
}

/** Runs one row against a fresh fake and judges its report. */
async function runRow(
  row: Row,
  key: SigningKey,
): Promise<{ ok: boolean; text: string }> {
  const label = `${row.runtime} (${row.how}; ${row.imports})`;
  const fake = await startFakeWorkOS({ jwks: { keys: [key.jwk] } });
  try {
    const seeded = fake.seedOrganizations(SEEDED);
    const config: ConformanceConfig = {
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      pageSize: PAGE_SIZE,
      seeded: SEEDED,
      retryId: seeded[0].id,
      slowId: seeded[1].id,
      clientId: fake.clientId,
      accessTokens: await signAccessTokens(key, fake.url, fake.clientId),
    };
    fake.injectFault({
      method: "GET",
      path: `/organizations/${config.retryId}`,
      status: 503,
      times: 1,
    });
    fake.injectFault({
      method: "GET",
      path: `/organizations/${config.slowId}`,
      delayMs: SLOW_MS,
      times: 1,
    });

    const [command, ...args] = row.command(JSON.stringify(config));
    const result = await run(command, args, {
      cwd: ROOT,
      quiet: true,
      allowFailure: true,
      timeoutMs: ROW_TIMEOUT_MS,
    });
    const report = readReport(result.stdout);
    if (report === undefined) {
      const output = (result.stderr + result.stdout).trim().split("\n")
        .slice(-5).join(" | ");
      return {
        ok: false,
        text: `FAIL ${label}: no report (exit code ${result.code}): ${output}`,
      };
    }
    const failures = report.checks.filter((check) => !check.ok);
    if (!row.expect.test(report.runtime)) {
      failures.push({
        name: "runtime",
        ok: false,
        detail: `expected ${row.expect}, ran ${report.runtime}`,
      });
    }
    const names = report.checks.map((check) => check.name).join(", ");
    return failures.length === 0
      ? { ok: true, text: `pass ${label}: ${report.runtime}: ${names}` }
      : {
        ok: false,
        text: `FAIL ${label}: ${report.runtime}: ${
          failures.map((f) => `${f.name}: ${f.detail}`).join("; ")
        }`,
      };
  } finally {
    await fake.close();
  }
}

function readReport(stdout: string): Report | undefined {
  const line = stdout.split("\n").find((l) => l.startsWith(REPORT_PREFIX));
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line.slice(REPORT_PREFIX.length)) as Report;
  } catch {
    return undefined;
  }
}
