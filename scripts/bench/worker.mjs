/**
 * Runs one workload of one contender in a fresh process and prints its
 * figures as one JSON line. Runs under Node and under Deno alike: CPU time
 * comes from `process.cpuUsage()` and memory from `process.memoryUsage()`,
 * both from `node:process`, which Deno provides too.
 *
 * Usage: `worker.mjs <contender module> <workload> <base URL> <params JSON>`
 *
 * Workloads:
 * - `get-seq`: `warmup` then `calls` gets one after another;
 * - `get-conc`: the same with `concurrency` calls in flight at once;
 * - `walk`: iterate `warmup` items, then `items` items, of the list;
 * - `walk-memory`: iterate `items` items, collecting garbage and reading
 *   the heap at each tenth (the process needs `--expose-gc`).
 *
 * @module
 */

import process from "node:process";

const API_KEY = "sk_test_bench";
const ORG_ID = "org_01H00000000000000000000000";

const [modulePath, workload, baseUrl, paramsJson] = process.argv.slice(2);
const params = JSON.parse(paramsJson);
const { createContender } = await import(modulePath);
const contender = createContender(baseUrl, API_KEY);

function median(values) {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function cpuMicros() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function check(org) {
  if (org.id !== ORG_ID) {
    throw new Error(`Expected organization ${ORG_ID}: received ${org.id}`);
  }
}

async function getSequential(calls) {
  const latencies = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    check(await contender.getOrganization(ORG_ID));
    latencies[i] = performance.now() - start;
  }
  return latencies;
}

async function getConcurrent(calls, concurrency) {
  const latencies = new Float64Array(calls);
  let next = 0;
  const lane = async () => {
    while (next < calls) {
      const i = next++;
      const start = performance.now();
      check(await contender.getOrganization(ORG_ID));
      latencies[i] = performance.now() - start;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return latencies;
}

async function measureGets() {
  const run = workload === "get-seq"
    ? (n) => getSequential(n)
    : (n) => getConcurrent(n, params.concurrency);
  await run(params.warmup);
  const cpu0 = cpuMicros();
  const wall0 = performance.now();
  const latencies = await run(params.calls);
  const wallMs = performance.now() - wall0;
  const cpuUs = cpuMicros() - cpu0;
  return {
    latencyUs: median(latencies) * 1000,
    wallPerCallUs: (wallMs * 1000) / params.calls,
    cpuPerCallUs: cpuUs / params.calls,
  };
}

async function measureWalk() {
  let last = "";
  const each = (org) => {
    if (typeof org.id !== "string" || org.id <= last) {
      throw new Error(`Expected ascending ids: received ${org.id}`);
    }
    last = org.id;
  };
  const warm = await contender.walkOrganizations(params.warmup, each);
  if (warm !== params.warmup) {
    throw new Error(`Expected ${params.warmup} items: received ${warm}`);
  }

  // RSS is sampled every 1,000 items for every contender alike.
  // `rss()` alone, and not once a page: each reading costs about 0.1 ms,
  // and the full `memoryUsage()` more.
  const rssStart = process.memoryUsage.rss();
  let peak = rssStart;
  let seen = 0;
  last = "";
  const cpu0 = cpuMicros();
  const wall0 = performance.now();
  const count = await contender.walkOrganizations(params.items, (org) => {
    each(org);
    if (++seen % 1000 === 0) {
      const rss = process.memoryUsage.rss();
      if (rss > peak) peak = rss;
    }
  });
  const wallMs = performance.now() - wall0;
  const cpuUs = cpuMicros() - cpu0;
  if (count !== params.items) {
    throw new Error(`Expected ${params.items} items: received ${count}`);
  }
  return {
    wallMs,
    cpuMs: cpuUs / 1000,
    itemsPerSecond: count / (wallMs / 1000),
    peakRssMb: peak / 2 ** 20,
  };
}

async function measureWalkMemory() {
  // The heap left after a full collection at each tenth of the walk: what
  // the walk holds on to. Flat when pages are let go as the walk moves on.
  const step = params.items / 10;
  const heaps = [];
  let seen = 0;
  const count = await contender.walkOrganizations(params.items, () => {
    if (++seen % step === 0) {
      globalThis.gc();
      heaps.push(process.memoryUsage().heapUsed / 2 ** 20);
    }
  });
  if (count !== params.items) {
    throw new Error(`Expected ${params.items} items: received ${count}`);
  }
  return {
    heapAtTenthMb: heaps[0],
    heapAtEndMb: heaps[heaps.length - 1],
    heapGrowthMb: Math.max(...heaps) - heaps[0],
  };
}

const measure = {
  "get-seq": measureGets,
  "get-conc": measureGets,
  "walk": measureWalk,
  "walk-memory": measureWalkMemory,
}[workload];
const result = await measure();
process.stdout.write(`${JSON.stringify(result)}\n`);
// Keep-alive sockets would hold the process open.
process.exit(0);
