/**
 * The conformance entry for Node, bundled by the runner to an ES module
 * and to CommonJS that import the installed npm package (the runner maps
 * mod.ts to `workos`). Beyond the shared checks, it checks where fetch
 * came from: node-fetch must be loaded exactly when the process has no
 * global fetch; and where WebCrypto came from: a process without a global
 * `crypto` (Node 18) must have none after importing the package and
 * `node:crypto`'s once the helpers ran, and one with a global must keep
 * it.
 *
 * Arguments: the config as JSON, then the module format for the report.
 *
 * @module
 */

import { webcrypto } from "node:crypto";
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
  const globalCrypto = (globalThis as { crypto?: Crypto }).crypto;
  const runtime = `node ${process.version} (${format}${
    hasFetch ? "" : ", no global fetch"
  }${globalCrypto === undefined ? ", no global crypto" : ""})`;

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

  const cryptoAfter = (globalThis as { crypto?: Crypto }).crypto;
  report.checks.push(
    globalCrypto === undefined
      ? {
        name: "crypto",
        ok: cryptoAfter === webcrypto,
        detail: `no global crypto; node:crypto's ${
          cryptoAfter === webcrypto ? "set" : "not set"
        } on first use`,
      }
      : {
        name: "crypto",
        ok: cryptoAfter === globalCrypto,
        detail: `global crypto ${
          cryptoAfter === globalCrypto ? "kept" : "replaced"
        }`,
      },
  );
  console.log(REPORT_PREFIX + JSON.stringify(report));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
