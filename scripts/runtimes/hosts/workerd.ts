/**
 * Runs the worker bundle in workerd through Miniflare, under Node 20.
 * Arguments: the tools folder, the bundle's path, the config as JSON.
 *
 * @module
 */

import { createRequire } from "node:module";
import { dirname } from "node:path";
import process from "node:process";
import { REPORT_PREFIX } from "../conformance.ts";

interface MiniflareApi {
  Miniflare: new (options: Record<string, unknown>) => {
    dispatchFetch(url: string, init: RequestInit): Promise<Response>;
    dispose(): Promise<void>;
  };
}

const [toolsDir, bundlePath, configJson] = process.argv.slice(2);
const require = createRequire(`${toolsDir}/package.json`);
const { Miniflare } = require("miniflare") as MiniflareApi;
const version = (require("miniflare/package.json") as { version: string })
  .version;

const mf = new Miniflare({
  modules: true,
  scriptPath: bundlePath,
  // Module names are paths below this root; the default, the working
  // directory, fails for a bundle outside it.
  modulesRoot: dirname(bundlePath),
  compatibilityDate: "2026-04-26",
});
try {
  const response = await mf.dispatchFetch("http://conformance.test/", {
    method: "POST",
    body: JSON.stringify({
      config: JSON.parse(configJson),
      runtime: `workerd (miniflare ${version})`,
    }),
  });
  console.log(REPORT_PREFIX + await response.text());
} finally {
  await mf.dispose();
}
