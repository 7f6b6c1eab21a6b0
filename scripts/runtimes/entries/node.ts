/**
 * The conformance entry for Node, bundled by the runner to an ES module
 * and to CommonJS that import the installed npm package (the runner maps
 * mod.ts to `workos`). Beyond the shared checks, it checks where fetch
 * came from: node-fetch must be loaded exactly when the process has no
 * global fetch.
 *
 * Arguments: the config as JSON, then the module format for the report.
 *
 * @module
 */

import { createRequire } from "node:module";
import process from "node:process";
import * as sdk from "../../../mod.ts";
import {
  type ConformanceConfig,
  REPORT_PREFIX,
  runConformance,
} from "../conformance.ts";

// No top-level await: the same source is bundled to CommonJS too.
async function main(): Promise<void> {
  const [configJson, format] = process.argv.slice(2);
  const hasFetch = typeof globalThis.fetch === "function";
  const runtime = `node ${process.version} (${format}${
    hasFetch ? "" : ", no global fetch"
  })`;

  const report = await runConformance(
    sdk,
    JSON.parse(configJson) as ConformanceConfig,
    runtime,
  );

  // Both formats share Node's CommonJS cache, where the CommonJS fallback
  // module puts node-fetch when it requires it.
  const cache = createRequire(process.argv[1]).cache;
  const loaded = Object.keys(cache).some((path) =>
    path.includes("/node_modules/node-fetch/")
  );
  report.checks.push({
    name: "fetch",
    ok: loaded === !hasFetch,
    detail: hasFetch
      ? `global fetch; node-fetch ${loaded ? "loaded" : "not loaded"}`
      : `no global fetch; node-fetch ${loaded ? "loaded" : "not loaded"}`,
  });
  console.log(REPORT_PREFIX + JSON.stringify(report));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
