/**
 * The conformance entry for Cloudflare workerd: a module worker, bundled
 * by the runner from the installed npm package, that runs the checks for
 * a POST of `{ config, runtime }` and answers with the report.
 *
 * @module
 */

import * as sdk from "../../../mod.ts";
import { type ConformanceConfig, runConformance } from "../conformance.ts";

export default {
  /**
   * Runs the conformance checks.
   *
   * @param request A POST whose body is `{ config, runtime }`.
   * @returns The report as JSON.
   */
  async fetch(request: Request): Promise<Response> {
    const { config, runtime } = await request.json() as {
      config: ConformanceConfig;
      runtime: string;
    };
    return Response.json(await runConformance(sdk, config, runtime));
  },
};
