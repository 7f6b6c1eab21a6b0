/**
 * An application that installs the built package the way a user would:
 * from the tarball `npm pack` makes, with its dependency node-fetch.
 *
 * @module
 */

import { buildNpm, NPM_DIR, SEAMS } from "../build_npm.ts";
import { ROOT, run } from "../tools.ts";

/**
 * Builds npm/ unless it is newer than every file it is built from.
 *
 * @returns Once npm/ is up to date.
 */
export async function ensureNpmBuild(): Promise<void> {
  const built = await mtime(`${NPM_DIR}/package.json`);
  const sources = [
    "mod.ts",
    "deno.json",
    "README.md",
    "LICENSE",
    "scripts/build_npm.ts",
    ...SEAMS.flatMap((seam) =>
      typeof seam.nodeSource === "string"
        ? [seam.nodeSource]
        : Object.values(seam.nodeSource)
    ),
    ...await listFiles("src"),
  ];
  let newest = 0;
  for (const path of sources) {
    newest = Math.max(newest, await mtime(`${ROOT}${path}`) ?? 0);
  }
  if (built !== undefined && built >= newest) return;

  console.error("Building the npm package (npm/ is missing or stale)");
  await buildNpm();
}

/**
 * Packs npm/ and installs the tarball into a new application in `dir`.
 *
 * @param dir An empty folder for the application.
 * @returns The application's folder, whose node_modules holds `workos`.
 */
export async function installConsumer(dir: string): Promise<string> {
  await ensureNpmBuild();
  const packed = await run(
    "npm",
    ["pack", NPM_DIR, "--pack-destination", dir, "--json"],
    { quiet: true },
  );
  const [{ filename }] = JSON.parse(packed.stdout) as Array<
    { filename: string }
  >;
  await Deno.writeTextFile(
    `${dir}/package.json`,
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      "--prefer-offline",
      `./${filename}`,
    ],
    { cwd: dir, quiet: true },
  );
  return dir;
}

async function mtime(path: string): Promise<number | undefined> {
  try {
    return (await Deno.stat(path)).mtime?.getTime();
  } catch {
    return undefined;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(`${ROOT}${dir}`)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) found.push(...await listFiles(path));
    else found.push(path);
  }
  return found;
}
