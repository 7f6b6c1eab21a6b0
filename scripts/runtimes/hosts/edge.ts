/**
 * Runs the edge bundle in the Vercel Edge runtime's VM
 * (`@edge-runtime/vm`), under Node 20. Arguments: the tools folder, the
 * bundle's path, the config as JSON.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import process from "node:process";
import { REPORT_PREFIX } from "../conformance.ts";

interface EdgeVmApi {
  EdgeVM: new () => { evaluate<T>(code: string): T };
}

const [toolsDir, bundlePath, configJson] = process.argv.slice(2);
const require = createRequire(`${toolsDir}/package.json`);
const { EdgeVM } = require("@edge-runtime/vm") as EdgeVmApi;
const version = (require("@edge-runtime/vm/package.json") as {
  version: string;
}).version;

const vm = new EdgeVM();
vm.evaluate(readFileSync(bundlePath, "utf8"));
const report = await vm.evaluate<Promise<string>>(
  `runConformance(${JSON.stringify(configJson)}, ${
    JSON.stringify(`edge-runtime (@edge-runtime/vm ${version})`)
  })`,
);
console.log(REPORT_PREFIX + report);
