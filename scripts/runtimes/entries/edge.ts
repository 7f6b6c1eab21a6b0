/**
 * The conformance entry for the Vercel Edge runtime: a script, bundled by
 * the runner from the installed npm package, that leaves a global
 * `runConformance(configJson, runtime)` resolving to the report as JSON.
 *
 * @module
 */

import * as sdk from "../../../mod.ts";
import { type ConformanceConfig, runConformance } from "../conformance.ts";

(globalThis as Record<string, unknown>).runConformance = async (
  configJson: string,
  runtime: string,
): Promise<string> =>
  JSON.stringify(
    await runConformance(
      sdk,
      JSON.parse(configJson) as ConformanceConfig,
      runtime,
    ),
  );
