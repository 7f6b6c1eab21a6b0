/**
 * The conformance entry for runtimes that run the TypeScript source as
 * is: `deno run` and `bun run`. The config comes as the first argument.
 *
 * @module
 */

import * as sdk from "../../../mod.ts";
import {
  type ConformanceConfig,
  REPORT_PREFIX,
  runConformance,
} from "../conformance.ts";

const g = globalThis as {
  Deno?: { args: string[]; version: { deno: string } };
  Bun?: { version: string };
  process?: { argv: string[] };
};
const args = g.Deno?.args ?? g.process?.argv.slice(2) ?? [];
const config = JSON.parse(args[0]) as ConformanceConfig;
const runtime = g.Deno
  ? `deno ${g.Deno.version.deno}`
  : `bun ${g.Bun?.version ?? "unknown"}`;

const report = await runConformance(sdk, config, runtime);
console.log(REPORT_PREFIX + JSON.stringify(report));
