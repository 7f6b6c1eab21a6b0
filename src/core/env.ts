/**
 * Reads environment variables where the runtime has them and allows it.
 *
 * @module
 */

interface DenoLike {
  env?: { get(name: string): string | undefined };
  permissions?: {
    querySync?(descriptor: { name: "env"; variable: string }): {
      state: string;
    };
  };
}

interface ProcessLike {
  env?: Record<string, string | undefined>;
}

/**
 * Returns an environment variable, or `undefined` where there is none to
 * read: Deno without `--allow-env` (asked without prompting), Workers,
 * browsers. It never throws.
 *
 * @param name The variable's name.
 * @returns Its value, or `undefined`.
 */
export function readEnv(name: string): string | undefined {
  try {
    const deno = (globalThis as { Deno?: DenoLike }).Deno;
    if (deno?.env) {
      const status = deno.permissions?.querySync?.({
        name: "env",
        variable: name,
      });
      if (status && status.state !== "granted") return undefined;
      return deno.env.get(name) || undefined;
    }
    const process = (globalThis as { process?: ProcessLike }).process;
    return process?.env?.[name] || undefined;
  } catch {
    return undefined;
  }
}

/** A short name of the runtime for the `User-Agent` header. */
export function runtimeName(): string {
  const g = globalThis as Record<string, unknown>;
  const deno = g.Deno as { version?: { deno?: string } } | undefined;
  if (deno?.version?.deno) return `deno/${deno.version.deno}`;
  const bun = g.Bun as { version?: string } | undefined;
  if (bun?.version) return `bun/${bun.version}`;
  const process = g.process as { versions?: { node?: string } } | undefined;
  if (process?.versions?.node) return `node/${process.versions.node}`;
  const nav = g.navigator as { userAgent?: string } | undefined;
  if (nav?.userAgent === "Cloudflare-Workers") return "workerd";
  if (typeof g.EdgeRuntime === "string") return "edge-runtime";
  return "unknown";
}

/**
 * Whether this runtime lets a script set `User-Agent`: browsers forbid it.
 */
export function canSetUserAgent(): boolean {
  const g = globalThis as Record<string, unknown>;
  return typeof g.document === "undefined";
}
