/**
 * Builds the npm package `workos` into npm/: ES modules in npm/esm,
 * CommonJS in npm/script, type declarations beside each, a package.json,
 * the README and the LICENSE.
 *
 * The TypeScript sources are copied to two staging folders with their
 * relative `.ts` import specifiers rewritten, to `.js` for the ES modules
 * and, with the files renamed to `.cts`, to `.cjs` for CommonJS. So
 * neither the JavaScript nor the declarations keep a `.ts` extension,
 * which TypeScript before 5.x cannot resolve, and one package.json (type
 * module) scopes every file. Each tree is compiled with the pinned `tsc`.
 * Under Node only, the package's `imports` map swaps the core's Fetch API
 * seam for one that falls back to node-fetch.
 *
 * Usage: `deno task build:npm [version]` (default: deno.json's version).
 *
 * @module
 */

import { ensureTools, requireTool, ROOT, run, toolBin } from "./tools.ts";

/** Where the package is written. */
export const NPM_DIR: string = `${ROOT}npm`;

/** The runtime dependency the npm build adds: the Node-only fallback. */
const NODE_FETCH_RANGE = "^2.7.0";

// The package's module graph starts here; the Node-only variant of the
// Fetch API seam is compiled on its own, to CommonJS only.
const ENTRY = "mod";
const SEAM = "src/core/fetch_api";
const NODE_SEAM_SOURCE = "scripts/npm/fetch_api_node.ts";
const NODE_SEAM = "src/core/fetch_api_node";

/** One output format: its folder, source and output extensions. */
interface Format {
  dir: "esm" | "script";
  module: "ESNext" | "CommonJS";
  /** The extension of the staged sources. */
  source: ".ts" | ".cts";
  /** The extension of the emitted JavaScript. */
  js: ".js" | ".cjs";
  /** Staged files compiled besides the entry. */
  extra: string[];
}

const FORMATS: Format[] = [
  { dir: "esm", module: "ESNext", source: ".ts", js: ".js", extra: [] },
  {
    dir: "script",
    module: "CommonJS",
    source: ".cts",
    js: ".cjs",
    extra: [NODE_SEAM],
  },
];

interface PreProcessed {
  importedFiles: Array<{ fileName: string; pos: number; end: number }>;
}

interface TypeScriptApi {
  preProcessFile(
    text: string,
    readImportFiles: boolean,
    detectJavaScriptImports: boolean,
  ): PreProcessed;
}

/**
 * Builds the package into npm/, replacing what was there.
 *
 * @param version The package version; deno.json's when absent.
 * @returns Once npm/ is complete.
 * @throws {TypeError} When the version is not a semantic version.
 * @throws {Error} When compiling fails or a check of the output fails.
 */
export async function buildNpm(version?: string): Promise<void> {
  const denoJson = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  const packageVersion = version ?? denoJson.version;
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(String(packageVersion))) {
    throw new TypeError(
      `Cannot build the npm package as the version must be a semantic version such as 1.2.3: received ${
        JSON.stringify(packageVersion)
      }`,
    );
  }

  await ensureTools();
  const ts = requireTool<TypeScriptApi>("typescript");
  const staging = await Deno.makeTempDir({ prefix: "workos-npm-" });
  try {
    await Deno.remove(NPM_DIR, { recursive: true }).catch(() => {});
    for (const format of FORMATS) {
      const dir = `${staging}/${format.dir}`;
      await stageSources(ts, dir, format, packageVersion);
      await compile(dir, format);
    }
  } finally {
    await Deno.remove(staging, { recursive: true });
  }

  await installSeams();
  await Deno.writeTextFile(
    `${NPM_DIR}/package.json`,
    JSON.stringify(packageJson(packageVersion), null, 2) + "\n",
  );
  await Deno.copyFile(`${ROOT}LICENSE`, `${NPM_DIR}/LICENSE`);
  await Deno.writeTextFile(`${NPM_DIR}/README.md`, await readme());
  await checkDeclarations(ts);
}

/**
 * Copies the sources to `staging`, rewriting relative `.ts` specifiers to
 * `.js`, the JSR package name in examples to the npm one, and the version.
 */
async function stageSources(
  ts: TypeScriptApi,
  staging: string,
  format: Format,
  version: string,
): Promise<void> {
  const sources = [`${ENTRY}.ts`, ...await listTs("src")];
  const renames = new Map([[NODE_SEAM_SOURCE, `${NODE_SEAM}.ts`]]);
  for (const from of [...sources, ...renames.keys()]) {
    let text = await Deno.readTextFile(`${ROOT}${from}`);
    if (from === "src/core/version.ts") text = versionModule(text, version);
    const to = renames.get(from) ?? from;
    const target = to.replace(/\.ts$/, format.source);
    await writeStaged(staging, target, rewrite(ts, text, format.js));
  }
}

async function listTs(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(`${ROOT}${dir}`)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) found.push(...await listTs(path));
    else if (entry.isFile && path.endsWith(".ts")) found.push(path);
  }
  return found.sort();
}

async function writeStaged(
  staging: string,
  path: string,
  text: string,
): Promise<void> {
  const target = `${staging}/${path}`;
  await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), {
    recursive: true,
  });
  await Deno.writeTextFile(target, text);
}

/** Rewrites every relative `.ts` specifier the TypeScript scanner finds. */
function rewrite(ts: TypeScriptApi, text: string, js: string): string {
  const imports = ts.preProcessFile(text, true, true).importedFiles
    .filter(({ fileName }) => isRelativeTs(fileName))
    .sort((a, b) => b.pos - a.pos);
  let out = text;
  for (const { fileName, pos } of imports) {
    const start = specifierStart(text, fileName, pos);
    out = out.slice(0, start) + fileName.replace(/\.ts$/, js) +
      out.slice(start + fileName.length);
  }
  return out.replaceAll('"@workos/workos', '"workos');
}

// TypeScript reports the position of the string token, quote included;
// the check keeps a change of that convention from corrupting a file.
function specifierStart(text: string, fileName: string, pos: number): number {
  for (const start of [pos + 1, pos]) {
    if (
      text.startsWith(fileName, start) && `"'`.includes(text[start - 1])
    ) {
      return start;
    }
  }
  throw new Error(
    `Cannot rewrite the import of ${fileName}: it is not at offset ${pos}`,
  );
}

function isRelativeTs(specifier: string): boolean {
  return (specifier.startsWith("./") || specifier.startsWith("../")) &&
    specifier.endsWith(".ts") && !specifier.endsWith(".d.ts");
}

function versionModule(text: string, version: string): string {
  const pattern = /export const VERSION = "[^"]*";/;
  if (!pattern.test(text)) {
    throw new Error(
      "Cannot set the version as src/core/version.ts no longer has the form 'export const VERSION = \"x\";'",
    );
  }
  return text.replace(
    pattern,
    `export const VERSION = ${JSON.stringify(version)};`,
  );
}

async function compile(staging: string, format: Format): Promise<void> {
  const config = {
    compilerOptions: {
      target: "ES2022",
      module: format.module,
      moduleResolution: "Bundler",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      types: [],
      strict: true,
      declaration: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmitOnError: true,
      newLine: "lf",
      rootDir: ".",
      outDir: `${NPM_DIR}/${format.dir}`,
    },
    files: [ENTRY, ...format.extra].map((name) => name + format.source),
  };
  const path = `${staging}/tsconfig.json`;
  await Deno.writeTextFile(path, JSON.stringify(config, null, 2));
  await run(toolBin("tsc"), ["--project", path], { cwd: staging });
}

/**
 * Turns the compiled Fetch API seam of each format into a re-export of
 * the package's `#fetch_api` import, which package.json maps to the Web
 * module or, under Node, to the node-fetch fallback.
 */
async function installSeams(): Promise<void> {
  for (const { dir, js } of FORMATS) {
    const base = `${NPM_DIR}/${dir}/${SEAM}`;
    await Deno.rename(`${base}${js}`, `${base}_web${js}`);
  }
  await Deno.writeTextFile(
    `${NPM_DIR}/esm/${SEAM}.js`,
    'export { fetchApi } from "#fetch_api";\n',
  );
  await Deno.writeTextFile(
    `${NPM_DIR}/script/${SEAM}.cjs`,
    '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.fetchApi = require("#fetch_api").fetchApi;\n',
  );
  await Deno.remove(`${NPM_DIR}/script/${NODE_SEAM}.d.cts`);
}

function packageJson(version: string): Record<string, unknown> {
  return {
    name: "workos",
    version,
    description:
      "TypeScript client for the WorkOS API, for Node, Deno, Bun, Cloudflare Workers and Vercel Edge",
    license: "MIT",
    type: "module",
    main: "./script/mod.cjs",
    module: "./esm/mod.js",
    types: "./script/mod.d.cts",
    exports: {
      ".": {
        import: { types: "./esm/mod.d.ts", default: "./esm/mod.js" },
        require: {
          types: "./script/mod.d.cts",
          default: "./script/mod.cjs",
        },
      },
      "./package.json": "./package.json",
    },
    imports: {
      "#fetch_api": {
        node: `./script/${NODE_SEAM}.cjs`,
        import: `./esm/${SEAM}_web.js`,
        default: `./script/${SEAM}_web.cjs`,
      },
    },
    files: ["esm/", "script/"],
    sideEffects: false,
    engines: { node: ">=18" },
    dependencies: { "node-fetch": NODE_FETCH_RANGE },
  };
}

async function readme(): Promise<string> {
  try {
    return (await Deno.readTextFile(`${ROOT}README.md`)).replaceAll(
      "@workos/workos",
      "workos",
    );
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    // Limitation: until the repository has a README.md, the package
    // carries this stub instead.
    return "# workos\n\nA TypeScript client for the WorkOS REST API.\n";
  }
}

/** Fails the build if a declaration file still names a `.ts` module. */
async function checkDeclarations(ts: TypeScriptApi): Promise<void> {
  const offenders: string[] = [];
  for (const { dir } of FORMATS) {
    for (const path of await listDeclarations(`${NPM_DIR}/${dir}`)) {
      const text = await Deno.readTextFile(path);
      const bad = ts.preProcessFile(text, true, true).importedFiles
        .filter(({ fileName }) => isRelativeTs(fileName));
      for (const { fileName } of bad) offenders.push(`${path}: ${fileName}`);
    }
  }
  if (offenders.length > 0) {
    throw new Error(
      `Cannot finish the npm build as declarations still import .ts files:\n${
        offenders.join("\n")
      }`,
    );
  }
}

async function listDeclarations(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) found.push(...await listDeclarations(path));
    else if (/\.d\.c?ts$/.test(path)) found.push(path);
  }
  return found;
}

if (import.meta.main) {
  await buildNpm(Deno.args[0]);
  console.log(`Built the npm package in ${NPM_DIR}`);
}
