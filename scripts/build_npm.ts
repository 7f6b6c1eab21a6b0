/**
 * Builds the npm package `workos` into npm/: ES modules in npm/esm,
 * CommonJS in npm/script, type declarations beside each, a package.json,
 * the README and the LICENSE. Every entry point of deno.json's `exports`
 * becomes the same subpath of the package.
 *
 * The TypeScript sources are copied to two staging folders with their
 * relative `.ts` import specifiers rewritten, to `.js` for the ES modules
 * and, with the files renamed to `.cts`, to `.cjs` for CommonJS. So
 * neither the JavaScript nor the declarations keep a `.ts` extension,
 * which TypeScript before 5.x cannot resolve, and one package.json (type
 * module) scopes every file. Each tree is compiled with the pinned `tsc`.
 *
 * The npm packages the source imports (deno.json `imports`, `npm:` only)
 * become dependencies. They ship as ES modules only, which Node 18 and
 * Node 20 before 20.19 cannot `require`, so the CommonJS files get a
 * CommonJS bundle of each in npm/script/_vendor instead, with its licence.
 *
 * Under Node only, the package's `imports` map swaps the core's two
 * runtime seams for Node modules: the Fetch API one for one that falls
 * back to node-fetch, the WebCrypto one for one that falls back to
 * `node:crypto`.
 *
 * Usage: `deno task build:npm [version]` (default: deno.json's version).
 *
 * @module
 */

import {
  ensureTools,
  requireTool,
  ROOT,
  run,
  toolBin,
  TOOLS_DIR,
} from "./tools.ts";

/** Where the package is written. */
export const NPM_DIR: string = `${ROOT}npm`;

/** The runtime dependency the npm build adds: the Node-only fallback. */
const NODE_FETCH = { name: "node-fetch", range: "^2.7.0" };

/**
 * A module of src/core that reaches the runtime, which the package swaps
 * under Node for a stand-in from scripts/npm.
 */
interface Seam {
  /** The module without its `.ts` extension, as in src/core. */
  module: string;
  /** The name of the package's `imports` entry, `#` included. */
  specifier: string;
  /** Its one export. */
  name: string;
  /**
   * The Node stand-in's source, or one per format where the two differ
   * (an ES module has no `require` of its own).
   */
  nodeSource: string | Partial<Record<Format["dir"], string>>;
  /**
   * The formats the Node stand-in is built in. One built as CommonJS only
   * serves `import` too, so its state is shared; one built in both formats
   * can import a Node built-in statically, which an application bundled
   * into one ES module for Node (and so without `require`) still loads.
   */
  nodeFormats: Array<Format["dir"]>;
}

/** The seams, each with its Node stand-in, in `src/core/<name>_node`. */
export const SEAMS: Seam[] = [
  {
    module: "src/core/fetch_api",
    specifier: "#fetch_api",
    name: "fetchApi",
    // node-fetch 2 is CommonJS, and required only when there is no fetch;
    // the ES module makes its require with createRequire, so that importing
    // the package does not bring up Node's CommonJS loader.
    nodeSource: {
      esm: "scripts/npm/fetch_api_node_esm.ts",
      script: "scripts/npm/fetch_api_node.ts",
    },
    nodeFormats: ["esm", "script"],
  },
  {
    module: "src/core/web_crypto",
    specifier: "#web_crypto",
    name: "webCrypto",
    nodeSource: "scripts/npm/web_crypto_node.ts",
    nodeFormats: ["esm", "script"],
  },
];
const VENDOR = "_vendor";

/** One output format: its folder, source and output extensions. */
interface Format {
  dir: "esm" | "script";
  module: "ESNext" | "CommonJS";
  /** The extension of the staged sources. */
  source: ".ts" | ".cts";
  /** The extension of the emitted JavaScript. */
  js: ".js" | ".cjs";
  /** The extension of the emitted declarations. */
  dts: ".d.ts" | ".d.cts";
}

const FORMATS: Format[] = [
  { dir: "esm", module: "ESNext", source: ".ts", js: ".js", dts: ".d.ts" },
  {
    dir: "script",
    module: "CommonJS",
    source: ".cts",
    js: ".cjs",
    dts: ".d.cts",
  },
];

/** One entry point: a subpath of the package and its source module. */
interface Entry {
  /** `.` or `./name`, as in deno.json's `exports`. */
  subpath: string;
  /** The source path without its `.ts` extension. */
  module: string;
  /** Whether it runs on Node's built-ins (the fake), so needs their types. */
  node: boolean;
}

/** An npm package the source imports, pinned in deno.json. */
interface Dependency {
  name: string;
  version: string;
}

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

interface Esbuild {
  build(options: Record<string, unknown>): Promise<{
    metafile: { inputs: Record<string, unknown> };
  }>;
  stop(): void;
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
  const entries = await readEntries(denoJson.exports);
  const sources = [
    ...new Set([
      ...entries.map((e) => `${e.module}.ts`),
      ...await listTs("src"),
    ]),
  ];
  const dependencies = await readDependencies(ts, sources, denoJson.imports);

  // Beside the tools' node_modules, so that tsc finds the dependencies'
  // and Node's types as a consumer's compiler would; not inside it, where
  // tsc would treat the sources as a library's and emit nothing for them.
  const staging = await Deno.makeTempDir({
    dir: TOOLS_DIR,
    prefix: ".npm-staging-",
  });
  try {
    await Deno.remove(NPM_DIR, { recursive: true }).catch(() => {});
    for (const format of FORMATS) {
      const dir = `${staging}/${format.dir}`;
      await stageSources(ts, dir, format, sources, packageVersion);
      await compile(dir, format, entries);
    }
  } finally {
    await Deno.remove(staging, { recursive: true });
  }

  await installSeams();
  await vendorDependencies(ts, dependencies);
  await Deno.writeTextFile(
    `${NPM_DIR}/package.json`,
    JSON.stringify(
      packageJson(packageVersion, entries, dependencies),
      null,
      2,
    ) + "\n",
  );
  await Deno.copyFile(`${ROOT}LICENSE`, `${NPM_DIR}/LICENSE`);
  // As is: it already says which name to import in which runtime.
  await Deno.copyFile(`${ROOT}README.md`, `${NPM_DIR}/README.md`);
  await checkDeclarations(ts);
}

async function readEntries(
  exports: string | Record<string, string>,
): Promise<Entry[]> {
  const map = typeof exports === "string" ? { ".": exports } : exports;
  const entries: Entry[] = [];
  for (const [subpath, target] of Object.entries(map)) {
    const source = target.replace(/^\.\//, "");
    if (!source.endsWith(".ts")) {
      throw new Error(
        `Cannot build the npm entry '${subpath}' as its source is not a .ts file: ${target}`,
      );
    }
    await Deno.stat(`${ROOT}${source}`);
    // Limitation: the declarations of workos/testing use AsyncDisposable
    // and Node's types, so they need TypeScript 5.2 or later and
    // @types/node; the rest of the package's work with TypeScript 4.9.
    entries.push({
      subpath,
      module: source.slice(0, -".ts".length),
      node: source.startsWith("src/testing/"),
    });
  }
  return entries;
}

/**
 * Finds the npm packages the sources import and their versions in
 * deno.json, and checks that the tools hold the same versions.
 */
async function readDependencies(
  ts: TypeScriptApi,
  sources: string[],
  imports: Record<string, string> = {},
): Promise<Dependency[]> {
  const names = new Set<string>();
  for (const path of sources) {
    const text = await Deno.readTextFile(`${ROOT}${path}`);
    for (
      const { fileName } of ts.preProcessFile(text, true, true).importedFiles
    ) {
      if (/^(\.|\/|node:)/.test(fileName)) continue;
      const parts = fileName.split("/");
      names.add(
        fileName.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0],
      );
    }
  }

  const dependencies: Dependency[] = [];
  for (const name of [...names].sort()) {
    const match = /^npm:(@?[^@]+)@(\d[^/]*)$/.exec(imports[name] ?? "");
    if (match === null || match[1] !== name) {
      throw new Error(
        `Cannot build the npm package as '${name}' is imported but deno.json's imports do not pin it as npm:${name}@<version>`,
      );
    }
    const installed = await Deno.readTextFile(
      `${TOOLS_DIR}/node_modules/${name}/package.json`,
    ).then((text) => JSON.parse(text).version, () => undefined);
    if (installed !== match[2]) {
      throw new Error(
        `Cannot build the npm package as deno.json pins ${name}@${
          match[2]
        } but scripts/tools has ${
          installed ?? "none"
        }: pin the same version in scripts/tools/package.json`,
      );
    }
    dependencies.push({ name, version: match[2] });
  }
  return dependencies;
}

/**
 * Copies the sources to `staging`, rewriting relative `.ts` specifiers,
 * the JSR package name in examples to the npm one, and the version.
 */
async function stageSources(
  ts: TypeScriptApi,
  staging: string,
  format: Format,
  sources: string[],
  version: string,
): Promise<void> {
  const renames = new Map(
    SEAMS.map((seam) => [
      typeof seam.nodeSource === "string"
        ? seam.nodeSource
        : seam.nodeSource[format.dir]!,
      `${seam.module}_node.ts`,
    ]),
  );
  for (const from of [...sources, ...renames.keys()]) {
    let text = await Deno.readTextFile(`${ROOT}${from}`);
    if (from === "src/core/version.ts") text = versionModule(text, version);
    const to = (renames.get(from) ?? from).replace(/\.ts$/, format.source);
    const target = `${staging}/${to}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), {
      recursive: true,
    });
    await Deno.writeTextFile(target, rewrite(ts, text, format.js));
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

/** Rewrites every relative `.ts` specifier the TypeScript scanner finds. */
function rewrite(ts: TypeScriptApi, text: string, js: string): string {
  return replaceSpecifiers(
    ts,
    text,
    (specifier) =>
      isRelativeTs(specifier) ? specifier.replace(/\.ts$/, js) : undefined,
  ).replaceAll('"@workos/workos', '"workos');
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

/**
 * Compiles the Web-only entries, then, with Node's types, the entries
 * that need them and the seams' Node stand-ins; keeping Node's types out
 * of the first compile keeps Node globals out of the Web-only code.
 */
async function compile(
  staging: string,
  format: Format,
  entries: Entry[],
): Promise<void> {
  const web = entries.filter((e) => !e.node).map((e) => e.module);
  const node = entries.filter((e) => e.node).map((e) => e.module);
  for (const seam of SEAMS) {
    if (seam.nodeFormats.includes(format.dir)) {
      node.push(`${seam.module}_node`);
    }
  }
  for (const [files, types] of [[web, []], [node, ["node"]]]) {
    if (files.length === 0) continue;
    const config = {
      compilerOptions: {
        target: "ES2022",
        module: format.module,
        moduleResolution: "Bundler",
        lib: ["ES2022", "DOM", "DOM.Iterable"],
        types,
        strict: true,
        declaration: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmitOnError: true,
        newLine: "lf",
        rootDir: ".",
        outDir: `${NPM_DIR}/${format.dir}`,
      },
      files: files.map((name) => name + format.source),
    };
    const path = `${staging}/tsconfig.json`;
    await Deno.writeTextFile(path, JSON.stringify(config, null, 2));
    await run(toolBin("tsc"), ["--project", path], { cwd: staging });
  }
}

/**
 * Turns each compiled seam of each format into a re-export of the
 * package's import of the same name (`#fetch_api` for fetch_api.js),
 * which package.json maps to the Web module or, under Node, to the Node
 * stand-in.
 */
async function installSeams(): Promise<void> {
  for (const { module, specifier, name, nodeFormats } of SEAMS) {
    for (const { dir, js, dts } of FORMATS) {
      const base = `${NPM_DIR}/${dir}/${module}`;
      await Deno.rename(`${base}${js}`, `${base}_web${js}`);
      // Only the package itself imports the stand-in.
      if (nodeFormats.includes(dir)) await Deno.remove(`${base}_node${dts}`);
    }
    const from = JSON.stringify(specifier);
    await Deno.writeTextFile(
      `${NPM_DIR}/esm/${module}.js`,
      `export { ${name} } from ${from};\n`,
    );
    await Deno.writeTextFile(
      `${NPM_DIR}/script/${module}.cjs`,
      `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.${name} = require(${from}).${name};\n`,
    );
  }
}

/**
 * Vendors each dependency: a CommonJS bundle for the CommonJS files, and a
 * copy of its declarations for both formats' declarations, each with the
 * licences of what went in. The copied declarations are rewritten as the
 * package's own are: `.d.cts` with `.cjs` specifiers for CommonJS, so
 * that they are not ES module declarations a CommonJS file may not
 * import, and `.js` specifiers for both, which TypeScript 4.9 resolves.
 * The ES module files still import the dependency itself at run time.
 *
 * Limitation: the ES module files' declarations describe the pinned
 * version while their code runs on whatever version npm installs within
 * the caret range, so a minor release that changes a type is not seen.
 */
async function vendorDependencies(
  ts: TypeScriptApi,
  dependencies: Dependency[],
): Promise<void> {
  if (dependencies.length === 0) return;
  const esbuild = requireTool<Esbuild>("esbuild");
  try {
    for (const { name } of dependencies) {
      const dir = `${VENDOR}/${name}`;
      const result = await esbuild.build({
        stdin: {
          contents: `export * from ${JSON.stringify(name)};`,
          resolveDir: TOOLS_DIR,
        },
        bundle: true,
        write: true,
        metafile: true,
        outfile: `${NPM_DIR}/script/${dir}/index.cjs`,
        format: "cjs",
        platform: "neutral",
        mainFields: ["module", "main"],
        target: "es2022",
        legalComments: "eof",
        logLevel: "warning",
      });
      const licenceText = await licences(
        name,
        Object.keys(result.metafile.inputs),
      );
      for (const format of FORMATS) {
        await copyDeclarations(ts, name, format);
        await Deno.writeTextFile(
          `${NPM_DIR}/${format.dir}/${dir}/LICENSES.md`,
          licenceText,
        );
      }
    }
  } finally {
    esbuild.stop();
  }

  for (const format of FORMATS) {
    const base = `${NPM_DIR}/${format.dir}`;
    for await (const path of walk(base)) {
      if (path.startsWith(`${base}/${VENDOR}/`)) continue;
      const isJs = path.endsWith(format.js);
      if (!isJs && !path.endsWith(format.dts)) continue;
      // The ES modules import the dependencies themselves.
      if (isJs && format.dir === "esm") continue;
      const up = "../".repeat(
        path.slice(base.length + 1).split("/").length - 1,
      );
      const text = await Deno.readTextFile(path);
      await Deno.writeTextFile(
        path,
        replaceSpecifiers(
          ts,
          text,
          (specifier) =>
            dependencies.some((d) => d.name === specifier)
              ? `${up || "./"}${VENDOR}/${specifier}/index${format.js}`
              : undefined,
        ),
      );
    }
  }
}

/** Copies a dependency's declarations into `<format>/_vendor/<name>`. */
async function copyDeclarations(
  ts: TypeScriptApi,
  name: string,
  format: Format,
): Promise<void> {
  const pkg = `${TOOLS_DIR}/node_modules/${name}`;
  const manifest = JSON.parse(await Deno.readTextFile(`${pkg}/package.json`));
  const root = manifest.exports?.["."];
  const entry: string | undefined = root?.types ?? root?.import?.types ??
    manifest.types ?? manifest.typings ??
    (typeof root === "string" ? root.replace(/\.m?js$/, ".d.ts") : undefined);
  if (entry === undefined || !entry.endsWith(".d.ts")) {
    throw new Error(`Cannot find the declarations of ${name}`);
  }
  const typesDir = `${pkg}/${entry.replace(/^\.\//, "")}`.replace(
    /\/[^/]+$/,
    "",
  );
  const index = entry.replace(/^\.\//, "").slice(
    typesDir.length - pkg.length,
  ).replace(/^\//, "");
  const target = `${NPM_DIR}/${format.dir}/${VENDOR}/${name}`;
  for await (const path of walk(typesDir)) {
    let relative = path.slice(typesDir.length + 1);
    if (!relative.endsWith(".d.ts") || relative.includes("node_modules/")) {
      continue;
    }
    if (relative === index) relative = "index.d.ts";
    const out = `${target}/${relative.replace(/\.d\.ts$/, format.dts)}`;
    const text = replaceSpecifiers(
      ts,
      await Deno.readTextFile(path),
      (specifier) => {
        if (!specifier.startsWith(".")) {
          throw new Error(
            `Cannot vendor the declarations of ${name} as ${relative} imports the package ${specifier}`,
          );
        }
        return specifier.replace(/(\.d\.ts|\.ts|\.m?js)?$/, format.js);
      },
    );
    await Deno.mkdir(out.slice(0, out.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(out, text);
  }
}

/**
 * Replaces the module specifiers the TypeScript scanner finds, where
 * `replace` returns a new one.
 */
function replaceSpecifiers(
  ts: TypeScriptApi,
  text: string,
  replace: (specifier: string) => string | undefined,
): string {
  const found = ts.preProcessFile(text, true, true).importedFiles
    .sort((a, b) => b.pos - a.pos);
  let out = text;
  for (const { fileName, pos } of found) {
    const next = replace(fileName);
    if (next === undefined) continue;
    const start = specifierStart(text, fileName, pos);
    out = out.slice(0, start) + next + out.slice(start + fileName.length);
  }
  return out;
}

/** The licence texts of the packages a vendored bundle was made from. */
async function licences(name: string, inputs: string[]): Promise<string> {
  const packages = new Set<string>();
  for (const input of inputs) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
  let text = `# Licences of the vendored ${name}\n\n` +
    `The CommonJS files of this package use a bundle of the npm package ` +
    `${name} and what it imports, and the declarations of both formats use ` +
    `a copy of its declarations. Their licences follow.\n`;
  for (const pkg of [...packages].sort()) {
    const dir = `${TOOLS_DIR}/node_modules/${pkg}`;
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/package.json`));
    let licence: string | undefined;
    for await (const entry of Deno.readDir(dir)) {
      if (/^licen[cs]e(\.md|\.txt)?$/i.test(entry.name)) {
        licence = await Deno.readTextFile(`${dir}/${entry.name}`);
      }
    }
    if (licence === undefined) {
      throw new Error(
        `Cannot bundle ${pkg} as its package has no licence file to ship`,
      );
    }
    text += `\n## ${pkg} ${manifest.version} (${manifest.license})\n\n` +
      "```\n" + licence.trim() + "\n```\n";
  }
  return text;
}

function packageJson(
  version: string,
  entries: Entry[],
  dependencies: Dependency[],
): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  const typesVersions: Record<string, string[]> = {};
  for (const { subpath, module } of entries) {
    exports[subpath] = {
      import: {
        types: `./esm/${module}.d.ts`,
        default: `./esm/${module}.js`,
      },
      require: {
        types: `./script/${module}.d.cts`,
        default: `./script/${module}.cjs`,
      },
    };
    // For TypeScript's node10 resolution, which ignores `exports`.
    if (subpath !== ".") {
      typesVersions[subpath.slice(2)] = [`./script/${module}.d.cts`];
    }
  }
  exports["./package.json"] = "./package.json";

  const root = entries.find((e) => e.subpath === ".");
  if (root === undefined) {
    throw new Error("Cannot build the npm package as deno.json exports no '.'");
  }
  return {
    name: "workos",
    version,
    description:
      "TypeScript client for the WorkOS API, for Node, Deno, Bun, Cloudflare Workers and Vercel Edge",
    license: "MIT",
    type: "module",
    main: `./script/${root.module}.cjs`,
    module: `./esm/${root.module}.js`,
    types: `./script/${root.module}.d.cts`,
    exports,
    typesVersions: { "*": typesVersions },
    imports: Object.fromEntries(
      SEAMS.map(({ module, specifier, nodeFormats }) => [specifier, {
        node: nodeFormats.includes("esm")
          ? {
            import: `./esm/${module}_node.js`,
            default: `./script/${module}_node.cjs`,
          }
          : `./script/${module}_node.cjs`,
        import: `./esm/${module}_web.js`,
        default: `./script/${module}_web.cjs`,
      }]),
    ),
    files: ["esm/", "script/"],
    sideEffects: false,
    engines: { node: ">=18" },
    dependencies: Object.fromEntries([
      ...dependencies.map(({ name, version }) => [name, `^${version}`]),
      [NODE_FETCH.name, NODE_FETCH.range],
    ].sort()),
  };
}

/** Fails the build if a declaration file still names a `.ts` module. */
async function checkDeclarations(ts: TypeScriptApi): Promise<void> {
  const offenders: string[] = [];
  for await (const path of walk(NPM_DIR)) {
    if (!/\.d\.c?ts$/.test(path)) continue;
    const text = await Deno.readTextFile(path);
    const bad = ts.preProcessFile(text, true, true).importedFiles
      .filter(({ fileName }) => isRelativeTs(fileName));
    for (const { fileName } of bad) offenders.push(`${path}: ${fileName}`);
  }
  if (offenders.length > 0) {
    throw new Error(
      `Cannot finish the npm build as declarations still import .ts files:\n${
        offenders.join("\n")
      }`,
    );
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else yield path;
  }
}

if (import.meta.main) {
  await buildNpm(Deno.args[0]);
  console.log(`Built the npm package in ${NPM_DIR}`);
}
