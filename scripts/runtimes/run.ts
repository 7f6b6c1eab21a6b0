/**
 * The runtime matrix: runs scripts/runtimes/conformance.ts in every
 * runtime the SDK supports, each against a fresh local fake in this
 * process, reached on 127.0.0.1, and prints one pass or fail line per
 * runtime, then "ok | N passed | N failed". Exits 1 when any runtime
 * fails.
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
        expect: /^node v18\..* \((esm|cjs)\)$/,
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
        expect: /^node v18\..*, no global fetch\)$/,
      })),
      ...["esm", "cjs"].map((format) => ({
        runtime: "Node 20",
        how: format === "esm" ? "ES module" : "CommonJS",
        imports: "the npm build",
        command: (
          c: string,
        ) => ["node", `${app}/conformance.${ext(format)}`, c, format],
        expect: /^node v20\./,
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
      const line = await runRow(row);
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

/** Runs one row against a fresh fake and judges its report. */
async function runRow(row: Row): Promise<{ ok: boolean; text: string }> {
  const label = `${row.runtime} (${row.how}; ${row.imports})`;
  const fake = await startFakeWorkOS();
  try {
    const seeded = fake.seedOrganizations(SEEDED);
    const config: ConformanceConfig = {
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      pageSize: PAGE_SIZE,
      seeded: SEEDED,
      retryId: seeded[0].id,
      slowId: seeded[1].id,
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
