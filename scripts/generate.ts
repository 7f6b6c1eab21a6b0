/**
 * Generates the resource groups, the `WorkOS` types, the mapping
 * descriptors and the client facade from the WorkOS OpenAPI spec.
 *
 * ```sh
 * deno task generate            # writes the files
 * deno task generate --check    # fails when a generated file is stale
 * ```
 *
 * The spec's path is the first argument; the task passes
 * `../shared/openapi/workos-openapi.yaml`.
 *
 * @module
 */

import { emit, groupExport, groupFile, modExports } from "./generator/emit.ts";
import { buildModel } from "./generator/model.ts";
import { loadSpec } from "./generator/spec.ts";

const MOD_BEGIN = "// BEGIN resource groups, written by `deno task generate`";
const MOD_END = "// END resource groups";

async function main(args: string[]): Promise<number> {
  const check = args.includes("--check");
  const specPath = args.find((arg) => !arg.startsWith("--"));
  if (specPath === undefined) {
    console.error(
      "Usage: deno task generate [--check] <path to workos-openapi.yaml>",
    );
    return 2;
  }
  const root = new URL("..", import.meta.url).pathname;
  const model = buildModel(await loadSpec(specPath));
  const files = emit(model);

  // Files the generator owns in part: the exports of mod.ts and deno.json.
  const mod = await Deno.readTextFile(`${root}mod.ts`);
  files.push({ path: "mod.ts", text: spliceRegion(mod, modExports(model)) });
  const config = JSON.parse(await Deno.readTextFile(`${root}deno.json`));
  const exports: Record<string, string> = {};
  for (const [key, value] of Object.entries<string>(config.exports)) {
    if (!value.startsWith("./src/resources/")) exports[key] = value;
  }
  for (const group of model.roots) {
    exports[groupExport(group)] = `./${groupFile(group)}`;
  }
  config.exports = exports;
  files.push({
    path: "deno.json",
    text: JSON.stringify(config, null, 2) + "\n",
  });

  const formatted = await format(files);
  const stale: string[] = [];
  for (const file of formatted) {
    const target = `${root}${file.path}`;
    const current = await Deno.readTextFile(target).catch(() => undefined);
    if (current === file.text) continue;
    stale.push(file.path);
    if (!check) {
      await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), {
        recursive: true,
      });
      await Deno.writeTextFile(target, file.text);
    }
  }
  const owned = new Set(formatted.map((file) => file.path));
  for await (const entry of Deno.readDir(`${root}src/resources`)) {
    const path = `src/resources/${entry.name}`;
    if (entry.isFile && !owned.has(path)) {
      stale.push(`${path} (no longer generated)`);
      if (!check) await Deno.remove(`${root}${path}`);
    }
  }

  if (check) {
    if (stale.length === 0) {
      console.log(`Generated files are current (${formatted.length} files).`);
      return 0;
    }
    console.error(
      `Generated files are stale; run \`deno task generate\`:\n  ${
        stale.join("\n  ")
      }`,
    );
    return 1;
  }
  console.log(
    `Wrote ${stale.length} of ${formatted.length} files for ${model.operations.length} operations.`,
  );
  return 0;
}

function spliceRegion(text: string, lines: string[]): string {
  const begin = text.indexOf(MOD_BEGIN);
  const end = text.indexOf(MOD_END);
  const region = [MOD_BEGIN, ...lines, MOD_END].join("\n");
  if (begin === -1 || end === -1) return `${text.trimEnd()}\n\n${region}\n`;
  return text.slice(0, begin) + region + text.slice(end + MOD_END.length);
}

/** Formats the files with `deno fmt` in a scratch directory. */
async function format(
  files: { path: string; text: string }[],
): Promise<{ path: string; text: string }[]> {
  const dir = await Deno.makeTempDir({ prefix: "workos-generate-" });
  try {
    for (const file of files) {
      const target = `${dir}/${file.path}`;
      await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), {
        recursive: true,
      });
      await Deno.writeTextFile(target, file.text);
    }
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--no-config", "--quiet", dir],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (code !== 0) {
      throw new Error(`deno fmt failed:\n${new TextDecoder().decode(stderr)}`);
    }
    return await Promise.all(files.map(async (file) => ({
      path: file.path,
      text: await Deno.readTextFile(`${dir}/${file.path}`),
    })));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
