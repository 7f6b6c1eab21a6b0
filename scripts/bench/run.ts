/**
 * `deno task bench`: measures this SDK against raw `fetch` and the
 * official `@workos-inc/node`, side by side in one run, and prints one
 * table.
 *
 * A local server (server.mjs, its own Node process) answers every call
 * from memory. Each workload of each contender runs in a fresh process
 * (worker.mjs), the contenders interleaved and their order rotated from
 * round to round, so that the noise of a shared machine falls on all of
 * them alike. Each figure is the median over the rounds, with the
 * interquartile range; each ratio is the median of the ratios taken within
 * a round, between runs that were minutes apart at most.
 *
 * Contenders: raw fetch and this SDK's npm build under Node, with
 * `@workos-inc/node`; raw fetch and this SDK's TypeScript source under
 * Deno. Sizes come from esbuild bundles and from the installed packages.
 *
 * On first use it installs the bench tools (scripts/bench/package.json,
 * with `npm ci`), builds the npm package when npm/ is missing or older than
 * anything it is built from (as the npm package tests do), packs it and
 * installs the tarball beside the official SDK, as a user would.
 *
 * Usage: `deno task bench [--quick] [--rounds N] [--json FILE]`
 *
 * @module
 */

import { createHash } from "node:crypto";
import { ensureNpmBuild } from "../npm/consumer.ts";

/** The repository root, with a trailing slash. */
const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname);
const BENCH = `${ROOT}scripts/bench`;
const WORK = `${ROOT}.bench`;
const NPM_DIR = `${ROOT}npm`;
const DENO_JSON = `${ROOT}deno.json`;

/** How much work one run does. */
interface Plan {
  rounds: number;
  seqCalls: number;
  concCalls: number;
  concurrency: number;
  callWarmup: number;
  items: number;
  itemWarmup: number;
  coldRuns: number;
}

const FULL: Plan = {
  rounds: 5,
  seqCalls: 5000,
  concCalls: 5000,
  concurrency: 64,
  callWarmup: 500,
  items: 100_000,
  itemWarmup: 10_000,
  coldRuns: 20,
};

const QUICK: Plan = {
  rounds: 1,
  seqCalls: 500,
  concCalls: 640,
  concurrency: 64,
  callWarmup: 100,
  items: 10_000,
  itemWarmup: 1_000,
  coldRuns: 3,
};

type Runtime = "node" | "deno";

/** One contender: a client on a runtime. */
interface Contender {
  id: string;
  label: string;
  runtime: Runtime;
  /** The module worker.mjs loads, under scripts/bench/contenders. */
  module: string;
  /** The cold-start script, under scripts/bench/cold. */
  cold: string;
  /** Its label in the cold-start rows, when it differs. */
  coldLabel?: string;
  /** The contender its figures are divided by as "× raw fetch". */
  floor: string;
}

const CONTENDERS: Contender[] = [
  {
    id: "raw-node",
    label: "raw fetch (Node)",
    coldLabel: "bare process (Node)",
    runtime: "node",
    module: "raw_fetch.mjs",
    cold: "bare.mjs",
    floor: "raw-node",
  },
  {
    id: "workos-node",
    label: "workos, npm build (Node)",
    runtime: "node",
    module: "workos_npm.mjs",
    cold: "workos_npm.mjs",
    floor: "raw-node",
  },
  {
    id: "official-node",
    label: "@workos-inc/node (Node)",
    runtime: "node",
    module: "official.mjs",
    cold: "official.mjs",
    floor: "raw-node",
  },
  {
    id: "raw-deno",
    label: "raw fetch (Deno)",
    coldLabel: "bare process (Deno)",
    runtime: "deno",
    module: "raw_fetch.mjs",
    cold: "bare.mjs",
    floor: "raw-deno",
  },
  {
    id: "workos-deno",
    label: "workos, source (Deno)",
    runtime: "deno",
    module: "workos_deno.mjs",
    cold: "workos_deno.mjs",
    floor: "raw-deno",
  },
];

const OFFICIAL = "official-node";

/**
 * The cold starts: every contender, and this SDK loaded one resource group
 * at a time, through the group's subpath, as a process that needs only
 * organizations can.
 */
const COLD_CONTENDERS: Contender[] = CONTENDERS.flatMap((contender) =>
  contender.id.startsWith("workos-")
    ? [contender, {
      ...contender,
      id: `${contender.id}-group`,
      label: contender.label.replace(
        /^workos, [^(]+/,
        "workos, one group on a CoreClient ",
      ),
      cold: contender.cold.replace(".mjs", "_group.mjs"),
    }]
    : [contender]
);

/** A figure of one workload: its name, unit and where the worker puts it. */
interface Metric {
  workload: string;
  name: string;
  unit: string;
  key: string;
  digits: number;
}

const METRICS: Metric[] = [
  m("get, sequential", "latency p50", "µs", "get-seq.latencyUs", 0),
  m("get, sequential", "CPU per call", "µs", "get-seq.cpuPerCallUs", 0),
  m("get, 64 concurrent", "wall time per call", "µs", "get-conc.wallPerCallUs"),
  m("get, 64 concurrent", "CPU per call", "µs", "get-conc.cpuPerCallUs", 0),
  m("get, 64 concurrent", "latency p50", "ms", "get-conc.latencyMs", 1),
  m("iterate 100,000", "wall time", "ms", "walk.wallMs", 0),
  m("iterate 100,000", "CPU time", "ms", "walk.cpuMs", 0),
  m("iterate 100,000", "items per second", "k/s", "walk.kItemsPerSecond", 0),
  m("iterate 100,000", "peak RSS", "MB", "walk.peakRssMb", 1),
  m(
    "iterate 100,000",
    "heap after GC at 10%",
    "MB",
    "walk-memory.heapAtTenthMb",
    1,
  ),
  m(
    "iterate 100,000",
    "heap after GC at 100%",
    "MB",
    "walk-memory.heapAtEndMb",
    1,
  ),
  m("cold start", "import + new client", "ms", "cold.ms", 1),
];

function m(
  workload: string,
  name: string,
  unit: string,
  key: string,
  digits = 0,
): Metric {
  return { workload, name, unit, key, digits };
}

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

async function run(
  command: string,
  args: string[],
  options: { cwd?: string; quiet?: boolean } = {},
): Promise<string> {
  const output = await new Deno.Command(command, {
    args,
    cwd: options.cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  const stdout = decoder.decode(output.stdout);
  if (!output.success) {
    throw new Error(
      `Command failed with exit code ${output.code}: ${command} ${
        args.join(" ")
      }\n${stdout}${decoder.decode(output.stderr)}`,
    );
  }
  return stdout;
}

/** The command line that runs a script under a runtime. */
function commandFor(
  runtime: Runtime,
  script: string,
  exposeGc = false,
): [string, string[]] {
  if (runtime === "node") {
    return ["node", exposeGc ? ["--expose-gc", script] : [script]];
  }
  return ["deno", [
    "run",
    `--config=${DENO_JSON}`,
    "--allow-net=127.0.0.1",
    "--allow-read",
    "--allow-env",
    ...(exposeGc ? ["--v8-flags=--expose-gc"] : []),
    script,
  ]];
}

// ---------------------------------------------------------------------------
// Setup: tools, the npm build, the tarball
// ---------------------------------------------------------------------------

async function readOr(path: string): Promise<string | undefined> {
  return await Deno.readTextFile(path).catch(() => undefined);
}

async function ensureBenchTools(): Promise<void> {
  const lock = await Deno.readTextFile(`${BENCH}/package-lock.json`);
  const stamp = `${BENCH}/node_modules/.installed-lock`;
  if (await readOr(stamp) === lock) return;
  console.error("Installing the bench tools (npm ci in scripts/bench)");
  await run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: BENCH });
  await Deno.writeTextFile(stamp, lock);
}

/** Packs npm/ and installs the tarball beside the official SDK. */
async function installTarball(): Promise<string> {
  await Deno.mkdir(WORK, { recursive: true });
  const name = (await run("npm", [
    "pack",
    "--silent",
    "--pack-destination",
    WORK,
  ], { cwd: NPM_DIR })).trim().split("\n").at(-1)!;
  const tarball = `${WORK}/${name}`;
  const hash = createHash("sha256").update(await Deno.readFile(tarball))
    .digest("hex");
  const stamp = `${BENCH}/node_modules/.installed-workos`;
  if (await readOr(stamp) !== hash) {
    await run("npm", [
      "install",
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      tarball,
    ], { cwd: BENCH });
    await Deno.writeTextFile(stamp, hash);
  }
  return tarball;
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

interface Server {
  url: string;
  close(): Promise<void>;
}

async function startServer(total: number): Promise<Server> {
  const child = new Deno.Command("node", {
    args: [`${BENCH}/server.mjs`, String(total)],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream())
    .getReader();
  let buffered = "";
  while (!buffered.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("The bench server exited before listening");
    buffered += value;
  }
  const { port } = JSON.parse(buffered.slice(0, buffered.indexOf("\n")));
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await child.stdin.close();
      await reader.cancel();
      await child.status;
    },
  };
}

// ---------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------

/** Each figure of each contender, one value per round. */
type Samples = Map<string, Map<string, number[]>>;

function record(
  samples: Samples,
  contender: string,
  key: string,
  value: number,
) {
  let byKey = samples.get(contender);
  if (byKey === undefined) samples.set(contender, byKey = new Map());
  let values = byKey.get(key);
  if (values === undefined) byKey.set(key, values = []);
  values.push(value);
}

function rotate<T>(items: T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

async function runWorker(
  contender: Contender,
  workload: string,
  baseUrl: string,
  params: Record<string, number>,
): Promise<Record<string, number>> {
  const [command, args] = commandFor(
    contender.runtime,
    `${BENCH}/worker.mjs`,
    workload === "walk-memory",
  );
  const module = new URL(`contenders/${contender.module}`, import.meta.url);
  const stdout = await run(command, [
    ...args,
    module.href,
    workload,
    baseUrl,
    JSON.stringify(params),
  ], { cwd: BENCH });
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

async function measureRuntime(
  plan: Plan,
  baseUrl: string,
  samples: Samples,
): Promise<void> {
  const workloads: Array<[string, Record<string, number>]> = [
    ["get-seq", { warmup: plan.callWarmup, calls: plan.seqCalls }],
    ["get-conc", {
      warmup: plan.callWarmup,
      calls: plan.concCalls,
      concurrency: plan.concurrency,
    }],
    ["walk", { warmup: plan.itemWarmup, items: plan.items }],
    ["walk-memory", { items: plan.items }],
  ];
  for (let round = 0; round < plan.rounds; round++) {
    for (const [workload, params] of workloads) {
      // What a walk holds on to does not depend on the machine's noise:
      // once is enough.
      if (workload === "walk-memory" && round > 0) continue;
      console.error(`Round ${round + 1}/${plan.rounds}: ${workload}`);
      for (const contender of rotate(CONTENDERS, round)) {
        const figures = await runWorker(contender, workload, baseUrl, params);
        for (const [name, value] of Object.entries(figures)) {
          record(samples, contender.id, `${workload}.${name}`, value);
        }
        if (workload === "get-conc") {
          record(
            samples,
            contender.id,
            "get-conc.latencyMs",
            figures.latencyUs / 1000,
          );
        }
        if (workload === "walk") {
          record(
            samples,
            contender.id,
            "walk.kItemsPerSecond",
            figures.itemsPerSecond / 1000,
          );
        }
      }
    }
  }
}

async function measureColdStart(plan: Plan, samples: Samples): Promise<void> {
  // One run each first, so that no contender pays for a cold disk cache or
  // Deno's first transpile of the source.
  const commands = COLD_CONTENDERS.map((contender) =>
    commandFor(contender.runtime, `${BENCH}/cold/${contender.cold}`)
  );
  for (const [command, args] of commands) {
    await run(command, args, { cwd: BENCH });
  }
  console.error(`Cold start: ${plan.coldRuns} runs each`);
  for (let i = 0; i < plan.coldRuns; i++) {
    for (const index of rotate(COLD_CONTENDERS.map((_, k) => k), i)) {
      const [command, args] = commands[index];
      const start = performance.now();
      await run(command, args, { cwd: BENCH });
      record(
        samples,
        COLD_CONTENDERS[index].id,
        "cold.ms",
        performance.now() - start,
      );
    }
  }
}

// ---------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------

interface SizeRow {
  what: string;
  contender: string;
  bytes: number;
  /** The contender it is compared with as "× raw fetch", if any. */
  floor?: string;
  /** The row it is compared with as "× official", if any. */
  official?: string;
  text?: string;
}

/**
 * The scripts bundled to measure sizes. They are kept here, not as files:
 * `deno check scripts/` would try to resolve `workos`, the packed npm
 * build that only Node and esbuild see.
 */
const BUNDLE_ENTRIES: Record<string, string> = {
  // The smallest possible bundle: fetch alone.
  create_raw_fetch: `
const response = await fetch("https://api.workos.com/organizations", {
  method: "POST",
  headers: {
    authorization: \`Bearer \${process.env.WORKOS_API_KEY}\`,
    "content-type": "application/json",
  },
  body: JSON.stringify({ name: "Foo Corp" }),
});
console.log(JSON.parse(await response.text()));
`,
  // This SDK, importing only the organizations group and the core client.
  create_workos: `
import { CoreClient } from "workos";
import { Organizations } from "workos/organizations";
const organizations = new Organizations(new CoreClient());
console.log(await organizations.create({ name: "Foo Corp" }));
`,
  // The same through the WorkOSClient facade, which reaches every group.
  create_workos_facade: `
import { WorkOSClient } from "workos";
const workos = new WorkOSClient();
console.log(await workos.organizations.create({ name: "Foo Corp" }));
`,
  create_official: `
import { WorkOS } from "@workos-inc/node";
const workos = new WorkOS(process.env.WORKOS_API_KEY);
console.log(await workos.organizations.createOrganization({ name: "Foo Corp" }));
`,
  whole_workos: `export * from "workos";`,
  whole_official: `export * from "@workos-inc/node";`,
};

async function bundleSize(entry: string): Promise<[number, number]> {
  await Deno.mkdir(`${WORK}/bundles`, { recursive: true });
  const out = `${WORK}/bundles/${entry}.js`;
  const child = new Deno.Command(`${BENCH}/node_modules/.bin/esbuild`, {
    args: [
      `--sourcefile=${entry}.mjs`,
      "--bundle",
      "--minify",
      "--format=esm",
      "--platform=node",
      "--log-level=error",
      `--outfile=${out}`,
    ],
    cwd: BENCH,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(BUNDLE_ENTRIES[entry]));
  await writer.close();
  const output = await child.output();
  if (!output.success) {
    throw new Error(
      `esbuild failed on ${entry}: ${new TextDecoder().decode(output.stderr)}`,
    );
  }
  // gzip -9 through Node's zlib: Deno's node:zlib compresses a little
  // differently, and sizes should match what `gzip -9` reports.
  const gzipped = await run("node", [
    "-e",
    "const z=require('node:zlib'),f=require('node:fs');" +
    "process.stdout.write(String(z.gzipSync(f.readFileSync(process.argv[1]),{level:9}).length))",
    out,
  ]);
  return [(await Deno.stat(out)).size, Number(gzipped)];
}

interface Installed {
  bytes: number;
  files: number;
  dependencies: string[];
}

/**
 * The installed footprint of a package in scripts/bench/node_modules: its
 * folder and those of its runtime dependencies, followed transitively.
 */
async function installedSize(name: string): Promise<Installed> {
  const seen = new Set<string>();
  let bytes = 0;
  let files = 0;
  const walkDir = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) await walkDir(path);
      else if (entry.isFile) {
        bytes += (await Deno.stat(path)).size;
        files++;
      }
    }
  };
  const visit = async (pkg: string) => {
    if (seen.has(pkg)) return;
    seen.add(pkg);
    const dir = `${BENCH}/node_modules/${pkg}`;
    await walkDir(dir);
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/package.json`));
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      await visit(dep);
    }
  };
  await visit(name);
  seen.delete(name);
  return { bytes, files, dependencies: [...seen].sort() };
}

async function measureSizes(): Promise<SizeRow[]> {
  console.error("Sizes: esbuild bundles and installed packages");
  const rows: SizeRow[] = [];
  const bundles: Array<[string, string, string, string?]> = [
    ["create-only bundle", "raw-node", "create_raw_fetch"],
    ["create-only bundle", "workos-node", "create_workos"],
    ["create-only bundle", "official-node", "create_official"],
    ["create via WorkOSClient", "workos-node", "create_workos_facade"],
    ["whole package bundle", "workos-node", "whole_workos"],
    ["whole package bundle", "official-node", "whole_official"],
  ];
  const byWhat = new Map<string, SizeRow>();
  for (const [what, contender, entry] of bundles) {
    const [raw, gzipped] = await bundleSize(entry);
    for (
      const [suffix, bytes] of [[", minified", raw], [
        ", gzipped",
        gzipped,
      ]] as const
    ) {
      const row: SizeRow = { what: `${what}${suffix}`, contender, bytes };
      byWhat.set(`${what}${suffix}/${contender}`, row);
      rows.push(row);
    }
  }
  for (const row of rows) {
    const base = row.what.replace(
      "create via WorkOSClient",
      "create-only bundle",
    );
    if (byWhat.has(`${base}/raw-node`)) row.floor = `${base}/raw-node`;
    if (byWhat.has(`${base}/${OFFICIAL}`)) row.official = `${base}/${OFFICIAL}`;
  }
  for (
    const [contender, pkg] of [["workos-node", "workos"], [
      OFFICIAL,
      "@workos-inc/node",
    ]]
  ) {
    const installed = await installedSize(pkg);
    const size: SizeRow = {
      what: "install size",
      contender,
      bytes: installed.bytes,
    };
    const deps: SizeRow = {
      what: "runtime dependencies",
      contender,
      bytes: installed.dependencies.length,
    };
    dependencyNames.set(contender, installed.dependencies);
    rows.push(size, deps);
    byWhat.set(`install size/${contender}`, size);
    byWhat.set(`runtime dependencies/${contender}`, deps);
  }
  for (const row of rows) {
    if (row.what === "install size" || row.what === "runtime dependencies") {
      row.official = `${row.what}/${OFFICIAL}`;
    }
  }
  sizeIndex = byWhat;
  return rows;
}

let sizeIndex = new Map<string, SizeRow>();
const dependencyNames = new Map<string, string[]>();

// ---------------------------------------------------------------------------
// Statistics and the table
// ---------------------------------------------------------------------------

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

interface Summary {
  median: number;
  q1: number;
  q3: number;
}

function summarize(values: number[]): Summary {
  return {
    median: quantile(values, 0.5),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
  };
}

/** The median and IQR of the ratios of two contenders within each round. */
function ratioOf(
  samples: Samples,
  key: string,
  of: string,
  to: string,
): Summary | undefined {
  const a = samples.get(of)?.get(key);
  const b = samples.get(to)?.get(key);
  if (a === undefined || b === undefined || a.length !== b.length) {
    return undefined;
  }
  return summarize(a.map((value, i) => value / b[i]));
}

function fmt(value: number, digits: number): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function fmtRatio(ratio: Summary | undefined, spread: boolean): string {
  if (ratio === undefined) return "—";
  const text = `${ratio.median.toFixed(2)}x`;
  return spread && ratio.q3 - ratio.q1 >= 0.005
    ? `${text} (${ratio.q1.toFixed(2)}–${ratio.q3.toFixed(2)})`
    : text;
}

function fmtBytes(bytes: number): string {
  return bytes >= 1e6
    ? `${(bytes / 1e6).toFixed(2)} MB`
    : `${(bytes / 1e3).toFixed(1)} KB`;
}

function labelOf(id: string, cold = false): string {
  const contender = COLD_CONTENDERS.find((c) => c.id === id)!;
  return cold ? contender.coldLabel ?? contender.label : contender.label;
}

function table(samples: Samples, sizes: SizeRow[], plan: Plan): string {
  const lines = [
    "| workload | figure | contender | median (IQR) | × raw fetch | × official |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const metric of METRICS) {
    const cold = metric.key.startsWith("cold.");
    const workload = metric.workload.replace(
      "100,000",
      fmt(plan.items, 0),
    ).replace("64", String(plan.concurrency));
    for (const contender of cold ? COLD_CONTENDERS : CONTENDERS) {
      const values = samples.get(contender.id)?.get(metric.key);
      if (values === undefined) continue;
      const s = summarize(values);
      const spread = values.length > 1;
      const figure = spread
        ? `${fmt(s.median, metric.digits)} (${fmt(s.q1, metric.digits)}–${
          fmt(s.q3, metric.digits)
        }) ${metric.unit}`
        : `${fmt(s.median, metric.digits)} ${metric.unit}`;
      const floor = contender.id === contender.floor ? "1.00x" : fmtRatio(
        ratioOf(samples, metric.key, contender.id, contender.floor),
        spread,
      );
      const official = contender.runtime === "node"
        ? fmtRatio(
          ratioOf(samples, metric.key, contender.id, OFFICIAL),
          spread,
        )
        : "—";
      lines.push(
        `| ${workload} | ${metric.name} | ${
          labelOf(contender.id, cold)
        } | ${figure} | ${floor} | ${official} |`,
      );
    }
  }
  for (const row of sizes) {
    const figure = row.text ??
      (row.what === "runtime dependencies"
        ? String(row.bytes)
        : fmtBytes(row.bytes));
    const against = (key: string | undefined) => {
      const other = key === undefined ? undefined : sizeIndex.get(key);
      if (other === undefined || other.bytes === 0) return "—";
      return `${(row.bytes / other.bytes).toFixed(2)}x`;
    };
    const [what, kind] = row.what.split(", ");
    const unit = row.what === "runtime dependencies"
      ? "transitive count"
      : "with dependencies";
    lines.push(
      `| ${what} | ${kind ?? unit} | ${labelOf(row.contender)} | ${figure} | ${
        against(row.floor)
      } | ${against(row.official)} |`,
    );
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------

interface Target {
  name: string;
  key: string;
  limit: number;
}

const TARGETS: Target[] = [
  {
    name: "CPU per call, sequential",
    key: "get-seq.cpuPerCallUs",
    limit: 1.05,
  },
  {
    name: "CPU per call, 64 concurrent",
    key: "get-conc.cpuPerCallUs",
    limit: 1.08,
  },
  {
    name: "wall time, 64 concurrent",
    key: "get-conc.wallPerCallUs",
    limit: 1.05,
  },
  { name: "iterate 100,000 items, wall time", key: "walk.wallMs", limit: 1.10 },
  { name: "cold start against a bare process", key: "cold.ms", limit: 1.10 },
];

function targets(samples: Samples, plan: Plan): string {
  const lines = [
    "Targets (ratio to the floor of the same runtime, median of rounds):",
  ];
  for (const id of ["workos-node", "workos-deno"]) {
    const contender = CONTENDERS.find((c) => c.id === id)!;
    for (const target of TARGETS) {
      const ratio = ratioOf(samples, target.key, id, contender.floor);
      if (ratio === undefined) continue;
      const met = ratio.median <= target.limit;
      lines.push(
        `- ${met ? "met   " : "MISSED"} ${contender.label}: ${
          target.name.replace("100,000", fmt(plan.items, 0))
        }: ${ratio.median.toFixed(3)}x (limit ${target.limit.toFixed(2)}x)`,
      );
    }
    const group = `${id}-group`;
    const groupRatio = ratioOf(samples, "cold.ms", group, contender.floor);
    if (groupRatio !== undefined) {
      lines.push(
        `- ${groupRatio.median <= 1.10 ? "met   " : "MISSED"} ${
          labelOf(group)
        }: cold start against a bare process: ${
          groupRatio.median.toFixed(3)
        }x (limit 1.10x)`,
      );
    }
    const growth = samples.get(id)?.get("walk-memory.heapGrowthMb");
    if (growth !== undefined) {
      const worst = Math.max(...growth);
      lines.push(
        `- ${
          worst <= 1 ? "met   " : "MISSED"
        } ${contender.label}: memory flat while iterating: the heap after GC grew ${
          worst.toFixed(2)
        } MB from 10% to 100% of the items (limit 1 MB)`,
      );
    }
  }
  const gzipped = sizeIndex.get("create-only bundle, gzipped/workos-node");
  if (gzipped !== undefined) {
    lines.push(
      `- ${
        gzipped.bytes <= 10_000 ? "met   " : "MISSED"
      } workos, npm build: create-only bundle ${
        fmtBytes(gzipped.bytes)
      } gzipped (limit 10.0 KB)`,
    );
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------
// The machine
// ---------------------------------------------------------------------------

async function machine(): Promise<string> {
  // /proc files report a size of 0, which readTextFile trusts.
  const cpuinfo = await run("cat", ["/proc/cpuinfo"]).catch(() => "");
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? "unknown";
  const memory = Deno.systemMemoryInfo().total / 2 ** 30;
  const node = (await run("node", ["--version"])).trim();
  const official = JSON.parse(
    await Deno.readTextFile(
      `${BENCH}/node_modules/@workos-inc/node/package.json`,
    ),
  ).version;
  const workos = JSON.parse(
    await Deno.readTextFile(`${BENCH}/node_modules/workos/package.json`),
  ).version;
  return [
    `Machine: ${navigator.hardwareConcurrency} cores (${model}), ${
      memory.toFixed(0)
    } GiB memory, ${Deno.build.os} ${Deno.osRelease()}`,
    `Runtimes: Node ${node}, Deno ${Deno.version.deno} (V8 ${Deno.version.v8})`,
    `Packages: workos ${workos} (npm build of this checkout), @workos-inc/node ${official}`,
  ].join("\n");
}

// ---------------------------------------------------------------------------

function parseArgs(args: string[]): { plan: Plan; json?: string } {
  let plan = { ...FULL };
  let json: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--quick") plan = { ...QUICK };
    else if (arg === "--rounds") {
      const rounds = Number(args[++i]);
      if (!Number.isInteger(rounds) || rounds < 1) {
        throw new RangeError(
          `Cannot run the bench as '--rounds' must be a whole number of at least 1: received ${
            args[i]
          }`,
        );
      }
      plan.rounds = rounds;
    } else if (arg === "--json") json = args[++i];
    else {
      throw new TypeError(
        `Cannot run the bench as '${arg}' is not an option: use --quick, --rounds N or --json FILE`,
      );
    }
  }
  return { plan, json };
}

if (import.meta.main) {
  const { plan, json } = parseArgs(Deno.args);
  const started = performance.now();
  await ensureBenchTools();
  await ensureNpmBuild();
  await installTarball();

  const samples: Samples = new Map();
  const server = await startServer(plan.items);
  try {
    await measureRuntime(plan, server.url, samples);
  } finally {
    await server.close();
  }
  await measureColdStart(plan, samples);
  const sizes = await measureSizes();

  const minutes = (performance.now() - started) / 60_000;
  const report = [
    await machine(),
    `Run: ${plan.rounds} round(s), ${plan.seqCalls} sequential and ${plan.concCalls} concurrent calls, ${
      fmt(plan.items, 0)
    } items, ${plan.coldRuns} cold starts, in ${minutes.toFixed(1)} min`,
    "",
    table(samples, sizes, plan),
    "",
    ...[...dependencyNames].map(([id, names]) =>
      `Runtime dependencies of ${labelOf(id)}: ${
        names.length === 0 ? "none" : names.join(", ")
      }`
    ),
    "",
    targets(samples, plan),
  ].join("\n");
  console.log(report);
  await Deno.mkdir(WORK, { recursive: true });
  await Deno.writeTextFile(`${WORK}/report.md`, `${report}\n`);
  if (json !== undefined) {
    const data = Object.fromEntries(
      [...samples].map(([id, byKey]) => [id, Object.fromEntries(byKey)]),
    );
    await Deno.writeTextFile(
      json,
      JSON.stringify({ plan, data, sizes }, null, 2),
    );
  }
}
