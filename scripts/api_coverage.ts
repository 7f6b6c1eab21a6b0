/**
 * Prints each operation of the WorkOS OpenAPI spec beside the SDK method
 * that serves it, and the totals.
 *
 * ```sh
 * deno task api-coverage
 * ```
 *
 * Each method is called with sample arguments on a client whose fetcher
 * only records: an operation counts as served when the request its method
 * produced (or, for URL builders, the URL it returned) has the operation's
 * HTTP method and matches its path template and no other.
 *
 * @module
 */

import { WorkOSClient } from "../src/client.ts";
import { buildModel, type Operation } from "./generator/model.ts";
import { sampleCall } from "./generator/samples.ts";
import { loadSpec, operationsOf, type Spec } from "./generator/spec.ts";

/** A spec path template as a pattern, most literal segments first. */
export function matchTemplate(
  templates: readonly string[],
  path: string,
): string | undefined {
  const segments = path.split("/");
  let best: { template: string; literals: number } | undefined;
  for (const template of templates) {
    const parts = template.split("/");
    if (parts.length !== segments.length) continue;
    let literals = 0;
    const ok = parts.every((part, i) => {
      if (/^\{[^}]+\}$/.test(part)) return segments[i] !== "";
      literals++;
      return part === decodeURIComponent(segments[i]);
    });
    if (ok && (!best || literals > best.literals)) {
      best = { template, literals };
    }
  }
  return best?.template;
}

async function main(args: string[]): Promise<number> {
  const specPath = args[0];
  if (specPath === undefined) {
    console.error(
      "Usage: deno task api-coverage <path to workos-openapi.yaml>",
    );
    return 2;
  }
  const spec = await loadSpec(specPath);
  const model = buildModel(spec);
  const templates = [...new Set(operationsOf(spec).map((op) => op.path))];

  const seen: { last?: { method: string; path: string } } = {};
  const recorded = () => seen.last;
  const client = new WorkOSClient({
    authorizationToken: "sk_test_coverage",
    clientId: "client_coverage",
    baseUrl: "http://coverage.invalid",
    maxRetries: 0,
    fetcher: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      seen.last = { method: init?.method ?? "GET", path: url.pathname };
      return Promise.resolve(
        new Response('{"data":[],"list_metadata":{}}', {
          status: 200,
          headers: { "content-type": "application/json" },
        }),
      );
    },
  });

  const rows: { id: string; served: string; ok: boolean }[] = [];
  const byId = new Map(model.operations.map((op) => [op.id, op]));
  for (const source of operationsOf(spec)) {
    const id = `${source.method} ${source.path}`;
    const op = byId.get(id);
    let served = "(none)";
    let ok = false;
    if (op) {
      seen.last = undefined;
      try {
        const reached = await invoke(spec, client, op);
        const sent = reached ?? recorded();
        const method = sent?.method;
        const path = sent?.path;
        ok = method === source.method && path !== undefined &&
          matchTemplate(templates, path) === source.path;
        served = `workos.${op.fullName}${op.kind === "url" ? " (URL)" : ""}`;
        if (!ok) served += `  -> reached ${method} ${path}`;
      } catch (error) {
        served = `workos.${op.fullName}  -> threw ${(error as Error).message}`;
      }
    }
    rows.push({ id, served, ok });
  }

  const width = Math.max(...rows.map((r) => r.id.length)) + 2;
  for (const row of rows) {
    console.log(
      `${row.ok ? "ok  " : "MISS"} ${row.id.padEnd(width)}${row.served}`,
    );
  }
  const served = rows.filter((r) => r.ok).length;
  console.log(`\n${served} of ${rows.length} operations served by the SDK.`);
  return served === rows.length ? 0 : 1;
}

/** Calls the method that serves `op`; a URL builder's URL is parsed. */
async function invoke(
  spec: Spec,
  client: WorkOSClient,
  op: Operation,
): Promise<{ method: string; path: string } | undefined> {
  const call = sampleCall(spec, op, {
    clientId: "client_coverage",
    apiKey: "sk_test_coverage",
  });
  let target: unknown = client;
  for (const part of op.group) {
    target = (target as Record<string, unknown>)[part];
  }
  const method = (target as Record<string, unknown>)[op.name];
  if (typeof method !== "function") throw new Error("no such method");
  const result = await method.apply(target, call.args);
  if (op.kind === "url") {
    return { method: "GET", path: new URL(result as string).pathname };
  }
  return undefined;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
