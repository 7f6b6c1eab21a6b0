/**
 * The pinned npm tools of the npm build and the runtime matrix, installed
 * on first use from scripts/tools/package-lock.json into
 * scripts/tools/node_modules (git-ignored), so that a clean clone needs
 * only Deno, Node and npm.
 *
 * @module
 */

import { createRequire } from "node:module";

/** The repository root, with a trailing slash. */
export const ROOT: string = decodeURIComponent(
  new URL("../", import.meta.url).pathname,
);

/** Where the tools' manifest, lockfile and node_modules live. */
export const TOOLS_DIR: string = `${ROOT}scripts/tools`;

const STAMP = `${TOOLS_DIR}/node_modules/.installed-lock`;

/**
 * Installs the tools with `npm ci` unless node_modules already matches the
 * lockfile (recorded in a stamp file after each install).
 *
 * @returns Once the tools are installed.
 * @throws {Error} When `npm ci` fails.
 */
export async function ensureTools(): Promise<void> {
  const lock = await Deno.readTextFile(`${TOOLS_DIR}/package-lock.json`);
  const stamp = await Deno.readTextFile(STAMP).catch(() => undefined);
  if (stamp === lock) return;

  console.error("Installing the pinned build tools (npm ci in scripts/tools)");
  await run("npm", ["ci", "--no-audit", "--no-fund"], {
    cwd: TOOLS_DIR,
    quiet: true,
  });
  await Deno.writeTextFile(STAMP, lock);
}

/**
 * The path of a tool's executable in scripts/tools/node_modules/.bin.
 *
 * @param name The executable's name, such as `tsc` or `node`.
 * @returns Its absolute path.
 */
export function toolBin(name: string): string {
  return `${TOOLS_DIR}/node_modules/.bin/${name}`;
}

/**
 * Loads a tool's JavaScript API (esbuild, typescript) from the tools.
 *
 * @param name The package name.
 * @returns The package's CommonJS exports.
 */
export function requireTool<T>(name: string): T {
  return createRequire(`${TOOLS_DIR}/package.json`)(name) as T;
}

/** What a finished command printed. */
export interface RunResult {
  /** The exit code. */
  code: number;
  /** Standard output as text. */
  stdout: string;
  /** Standard error as text. */
  stderr: string;
}

/** How {@link run} starts a command. */
export interface RunOptions {
  /** The working directory. */
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Return a failing result instead of throwing. */
  allowFailure?: boolean;
  /** Capture the output instead of passing it through. */
  quiet?: boolean;
  /** Kill the command after this many milliseconds. */
  timeoutMs?: number;
}

/**
 * Runs a command to completion.
 *
 * @param command The executable.
 * @param args Its arguments.
 * @param options Where and how to run it.
 * @returns The exit code and captured output.
 * @throws {Error} When the command fails and `allowFailure` is not set.
 */
export async function run(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const child = new Deno.Command(command, {
    args,
    cwd: options.cwd,
    env: options.env,
    stdin: "null",
    stdout: options.quiet ? "piped" : "inherit",
    stderr: options.quiet ? "piped" : "inherit",
  }).spawn();
  const timer = options.timeoutMs === undefined
    ? undefined
    : setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  let result: RunResult;
  try {
    if (options.quiet) {
      const output = await child.output();
      const decoder = new TextDecoder();
      result = {
        code: output.code,
        stdout: decoder.decode(output.stdout),
        stderr: decoder.decode(output.stderr),
      };
    } else {
      result = { code: (await child.status).code, stdout: "", stderr: "" };
    }
  } finally {
    clearTimeout(timer);
  }
  if (result.code !== 0 && !options.allowFailure) {
    throw new Error(
      `Command failed with exit code ${result.code}: ${command} ${
        args.join(" ")
      }\n${result.stdout}${result.stderr}`,
    );
  }
  return result;
}
