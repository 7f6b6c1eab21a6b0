/**
 * Checks of the built npm package as its users meet it: the manifest,
 * publint, arethetypeswrong, declarations under TypeScript 4.9, the
 * helpers on Node 18, which has no global WebCrypto, and bundles that must
 * leave the Node-only node-fetch and node:crypto fallbacks out.
 *
 * Run with `deno task test:npm`; builds npm/ first when it is stale.
 *
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { NPM_DIR } from "../build_npm.ts";
import { installConsumer } from "./consumer.ts";
import {
  ensureTools,
  requireTool,
  ROOT,
  run,
  toolBin,
  TOOLS_DIR,
} from "../tools.ts";

interface Metafile {
  inputs: Record<string, unknown>;
}

interface Esbuild {
  build(options: Record<string, unknown>): Promise<{
    metafile: Metafile;
    outputFiles: Array<{ text: string }>;
  }>;
  stop(): void;
}

let app = "";
let esbuild: Esbuild;

before(async () => {
  await ensureTools();
  esbuild = requireTool<Esbuild>("esbuild");
  app = await installConsumer(
    await Deno.makeTempDir({ prefix: "workos-npm-consumer-" }),
  );
});

after(async () => {
  esbuild?.stop();
  if (app) await Deno.remove(app, { recursive: true });
});

describe("the npm package manifest", () => {
  it("gives types, import and require for every export of deno.json", async () => {
    const manifest = await readManifest();
    assert.equal(manifest.name, "workos");
    assert.deepEqual(manifest.exports["."], {
      import: { types: "./esm/mod.d.ts", default: "./esm/mod.js" },
      require: { types: "./script/mod.d.cts", default: "./script/mod.cjs" },
    });
    for (const [subpath, source] of Object.entries(await denoExports())) {
      const module = source.replace(/^\.\//, "").replace(/\.ts$/, "");
      assert.deepEqual(manifest.exports[subpath], {
        import: {
          types: `./esm/${module}.d.ts`,
          default: `./esm/${module}.js`,
        },
        require: {
          types: `./script/${module}.d.cts`,
          default: `./script/${module}.cjs`,
        },
      }, subpath);
    }
    assert.equal(manifest.engines.node, ">=18");
    assert.equal(manifest.sideEffects, false);
  });

  it("depends on node-fetch and on the npm packages deno.json pins", async () => {
    const { dependencies } = await readManifest();
    const { imports = {} } = JSON.parse(
      await Deno.readTextFile(`${ROOT}deno.json`),
    );
    assert.equal(dependencies["node-fetch"], "^2.7.0");
    for (const [name, range] of Object.entries(dependencies)) {
      if (name === "node-fetch") continue;
      assert.equal(imports[name], `npm:${name}@${String(range).slice(1)}`);
    }
  });

  it("maps its runtime seams to the Node stand-ins under node only", async () => {
    const { imports } = await readManifest();
    assert.deepEqual(imports["#fetch_api"], {
      node: {
        import: "./esm/src/core/fetch_api_node.js",
        default: "./script/src/core/fetch_api_node.cjs",
      },
      import: "./esm/src/core/fetch_api_web.js",
      default: "./script/src/core/fetch_api_web.cjs",
    });
    assert.deepEqual(imports["#web_crypto"], {
      node: {
        import: "./esm/src/core/web_crypto_node.js",
        default: "./script/src/core/web_crypto_node.cjs",
      },
      import: "./esm/src/core/web_crypto_web.js",
      default: "./script/src/core/web_crypto_web.cjs",
    });
  });

  it("ships the README and the LICENSE", async () => {
    for (const name of ["README.md", "LICENSE"]) {
      assert.ok((await Deno.stat(`${NPM_DIR}/${name}`)).size > 0, name);
      await Deno.stat(`${app}/node_modules/workos/${name}`);
    }
  });
});

describe("on Node 18", () => {
  it("every entry loads with import and with require", async () => {
    const subpaths = Object.keys(await denoExports()).map((subpath) =>
      subpath === "." ? "workos" : `workos/${subpath.slice(2)}`
    );
    const esm = subpaths.map((s) => `await import(${JSON.stringify(s)});`);
    const cjs = subpaths.map((s) => `require(${JSON.stringify(s)});`);
    await Deno.writeTextFile(`${app}/load.mjs`, esm.join("\n"));
    await Deno.writeTextFile(`${app}/load.cjs`, cjs.join("\n"));
    for (const file of ["load.mjs", "load.cjs"]) {
      const result = await run(toolBin("node"), [file], {
        cwd: app,
        quiet: true,
        allowFailure: true,
      });
      assert.equal(result.code, 0, `${file}: ${result.stderr}`);
    }
  });

  // Node 18 has WebCrypto only in node:crypto; jose and iron-webcrypto
  // read the global, which the package sets when a helper first needs it.
  const helpers = `
async function main(load, nodeCrypto) {
  const { CoreClient } = await load("workos");
  const { generatePkce } = await load("workos/pkce");
  const { Webhooks } = await load("workos/webhooks");
  const { Sessions } = await load("workos/sessions");
  const atImport = typeof globalThis.crypto;
  const pkce = await generatePkce();
  const webhooks = new Webhooks();
  const payload = JSON.stringify({
    id: "event_1", event: "user.created", data: {},
    created_at: "2024-01-01T00:00:00.000Z",
  });
  const secret = "whsec_test";
  const sigHeader = await webhooks.createSignatureHeader({ payload, secret });
  const event = await webhooks.constructEvent({ payload, sigHeader, secret });
  const sessions = new Sessions(new CoreClient({ clientId: "client_1" }));
  const cookiePassword = "cookie-password-of-at-least-32-chars!";
  const sealed = await sessions.seal({
    accessToken: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
    refreshToken: "refresh_1",
    user: { id: "user_1", email: "ada@example.com" },
  }, { cookiePassword });
  const opened = await sessions.unseal(sealed, { cookiePassword });
  console.log(JSON.stringify({
    atImport,
    challenge: pkce.codeChallenge.length,
    event: event.id,
    email: opened.user.email,
    global: globalThis.crypto === nodeCrypto.webcrypto,
  }));
}
`;
  const helperScripts: Array<[string, string]> = [
    [
      "helpers.mjs",
      'import * as nodeCrypto from "node:crypto";\n' + helpers +
      "await main((name) => import(name), nodeCrypto);\n",
    ],
    [
      "helpers.cjs",
      helpers + 'main(async (name) => require(name), require("node:crypto"))' +
      ".catch((error) => { console.error(error); process.exitCode = 1; });\n",
    ],
  ];
  for (const [file, source] of helperScripts) {
    it(`the helpers run without a global crypto, which they set on first use (${file})`, async () => {
      await Deno.writeTextFile(`${app}/${file}`, source);
      const result = await run(toolBin("node"), [file], {
        cwd: app,
        quiet: true,
        allowFailure: true,
      });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), {
        atImport: "undefined",
        challenge: 43,
        event: "event_1",
        email: "ada@example.com",
        global: true,
      });
    });
  }

  it("the helpers use and keep a global crypto the application set", async () => {
    await Deno.writeTextFile(
      `${app}/own_crypto.cjs`,
      `
const { webcrypto } = require("node:crypto");
let calls = 0;
const own = {
  subtle: webcrypto.subtle,
  getRandomValues: (array) => (calls++, webcrypto.getRandomValues(array)),
};
globalThis.crypto = own;
const { generateCodeVerifier } = require("workos/pkce");
generateCodeVerifier();
console.log(JSON.stringify({ calls, kept: globalThis.crypto === own }));
`,
    );
    const result = await run(toolBin("node"), ["own_crypto.cjs"], {
      cwd: app,
      quiet: true,
      allowFailure: true,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { calls: 1, kept: true });
  });
});

describe("package linters", () => {
  it("publint --strict reports no problems", async () => {
    const result = await run(toolBin("publint"), ["--strict", NPM_DIR], {
      quiet: true,
      allowFailure: true,
    });
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 0, output);
    assert.match(output, /All good!/, output);
  });

  it("attw --pack reports no problems", async () => {
    const result = await run(
      toolBin("attw"),
      ["--pack", NPM_DIR, "--format", "ascii"],
      { quiet: true, allowFailure: true },
    );
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 0, output);
    assert.match(output, /No problems found/, output);
  });
});

describe("type declarations", () => {
  it("import no module by a .ts name", async () => {
    const offenders: string[] = [];
    for await (const path of walk(NPM_DIR)) {
      if (!/\.d\.c?ts$/.test(path)) continue;
      const text = await Deno.readTextFile(path);
      for (const match of text.matchAll(/["'](\.{1,2}\/[^"']*\.ts)["']/g)) {
        offenders.push(`${path}: ${match[1]}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  const consumer = `
import { CoreClient, NotFoundError, WorkOSClient, WorkOSError } from "workos";
import type { ClientOptions, RequestOptions } from "workos";
import { AccessTokens, type AccessTokenClaims } from "workos/access-tokens";
import { Webhooks } from "workos/webhooks";

export type Claims = AccessTokenClaims;
export const helpers = [AccessTokens, Webhooks];

const options: ClientOptions = { authorizationToken: "sk_test", maxRetries: 1 };
const client: CoreClient = new WorkOSClient(options);
const perCall: RequestOptions = { timeoutInSeconds: 5, idempotencyKey: "k" };
const org = client.request<{ id: string }>(
  { method: "GET", path: "/organizations/org_1" },
  perCall,
);
export const id: Promise<string> = org.then((o) => o.id);
export async function count(): Promise<number> {
  let n = 0;
  const pages = client.requestPage(
    { method: "GET", path: "/organizations" },
    (wire) => wire as { id: string },
  );
  for await (const item of pages) n += item.id.length;
  return n;
}
export function status(error: unknown): number | undefined {
  if (error instanceof NotFoundError) return 404;
  return error instanceof WorkOSError ? error.statusCode : undefined;
}
`;

  // The fake runs on Node's built-ins, so its users have Node's types.
  const testingConsumer = `
import { type FakeWorkOS, startFakeWorkOS } from "workos/testing";
export async function start(): Promise<FakeWorkOS> {
  const fake = await startFakeWorkOS();
  fake.seedOrganizations(2);
  return fake;
}
`;

  const setups: Array<[string, string, Record<string, unknown>]> = [
    ["node16 ES module", "check.mts", { module: "node16" }],
    ["node16 CommonJS", "check.cts", { module: "node16" }],
    ["node10", "check.ts", { module: "commonjs", moduleResolution: "node" }],
  ];
  const checks: Array<
    { name: string; tsc: string; file: string; source: string; options: object }
  > = [];
  for (
    const [version, tsc] of [["4.9", "typescript-4.9"], ["6.0", "typescript"]]
  ) {
    for (const [setup, file, options] of setups) {
      if (version === "6.0" && setup === "node10") continue;
      checks.push({
        name: `TypeScript ${version} consumer (${setup})`,
        tsc,
        file,
        source: consumer,
        options: { ...options, types: [] },
      });
    }
  }
  for (const [setup, file, options] of setups.slice(0, 2)) {
    checks.push({
      name: `TypeScript 6.0 consumer of workos/testing (${setup})`,
      tsc: "typescript",
      file,
      source: testingConsumer,
      options: {
        ...options,
        types: ["node"],
        typeRoots: [`${TOOLS_DIR}/node_modules/@types`],
      },
    });
  }

  for (const { name, tsc, file, source, options } of checks) {
    it(`type-check for a ${name}`, async () => {
      const dir = await Deno.makeTempDir({ dir: app, prefix: "types-" });
      await Deno.writeTextFile(`${dir}/${file}`, source);
      await Deno.writeTextFile(
        `${dir}/tsconfig.json`,
        JSON.stringify({
          compilerOptions: {
            ...options,
            target: "es2022",
            lib: ["es2022", "dom", "dom.iterable"],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
          },
          files: [file],
        }),
      );
      const result = await run(
        "node",
        [`${TOOLS_DIR}/node_modules/${tsc}/bin/tsc`, "--project", dir],
        { quiet: true, allowFailure: true },
      );
      assert.equal(result.code, 0, result.stdout + result.stderr);
    });
  }
});

describe("bundles of an application", () => {
  const app_js = `
import { CoreClient } from "workos";
const client = new CoreClient({ authorizationToken: "sk_test" });
export const result = client.request({ method: "GET", path: "/organizations" });
`;

  async function bundle(
    contents: string,
    platform: string,
  ): Promise<{ inputs: string[]; text: string }> {
    const result = await esbuild.build({
      stdin: { contents, resolveDir: app, sourcefile: "app.js" },
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform,
      logLevel: "silent",
    });
    return {
      inputs: Object.keys(result.metafile.inputs),
      text: result.outputFiles[0].text,
    };
  }

  for (const platform of ["neutral", "browser", "node"]) {
    it(`leave node-fetch out of an esbuild bundle for platform ${platform}`, async () => {
      const { inputs } = await bundle(app_js, platform);
      assert.ok(
        inputs.some((path) => path.includes("node_modules/workos/")),
        `the bundle holds the SDK: ${inputs.join(", ")}`,
      );
      assert.deepEqual(
        inputs.filter((path) => path.includes("node_modules/node-fetch/")),
        [],
      );
      const seam = platform === "node" ? "fetch_api_node" : "fetch_api_web";
      assert.ok(
        inputs.some((path) => path.includes(seam)),
        `the bundle takes ${seam}: ${inputs.join(", ")}`,
      );
    });
  }

  const helpersApp = `
import { generatePkce } from "workos/pkce";
import { Webhooks } from "workos/webhooks";
import { Sessions } from "workos/sessions";
import { AccessTokens } from "workos/access-tokens";
export const helpers = [generatePkce, Webhooks, Sessions, AccessTokens];
`;

  for (const platform of ["neutral", "browser"]) {
    it(`leave node:crypto out of an esbuild bundle of the helpers for platform ${platform}`, async () => {
      const { inputs, text } = await bundle(helpersApp, platform);
      assert.ok(
        inputs.some((path) => path.includes("web_crypto_web")),
        `the bundle takes web_crypto_web: ${inputs.join(", ")}`,
      );
      assert.deepEqual(inputs.filter((path) => path.includes("_node.")), []);
      assert.doesNotMatch(text, /node:crypto/);
    });
  }

  it("import node:crypto in an esbuild bundle of the helpers for platform node (control)", async () => {
    const { inputs, text } = await bundle(helpersApp, "node");
    assert.ok(
      inputs.some((path) => path.includes("esm/src/core/web_crypto_node.js")),
      `the bundle takes the ES module web_crypto_node: ${inputs.join(", ")}`,
    );
    assert.match(text, /from "node:crypto"/);
  });

  it("run the helpers on Node 18 from one ES module bundled for Node", async () => {
    // An ES module has no require, so node:crypto must be imported.
    const { text } = await bundle(
      `
import { CoreClient } from "workos";
import { generatePkce } from "workos/pkce";
import { Sessions } from "workos/sessions";
const sessions = new Sessions(new CoreClient({ clientId: "client_1" }));
const cookiePassword = "cookie-password-of-at-least-32-chars!";
const sealed = await sessions.seal({
  accessToken: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
  refreshToken: "refresh_1",
  user: { id: "user_1", email: "ada@example.com" },
}, { cookiePassword });
const { user } = await sessions.unseal(sealed, { cookiePassword });
console.log((await generatePkce()).codeChallengeMethod, user.email);
`,
      "node",
    );
    await Deno.writeTextFile(`${app}/bundle.mjs`, text);
    const result = await run(toolBin("node"), ["bundle.mjs"], {
      cwd: app,
      quiet: true,
      allowFailure: true,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), "S256 ada@example.com");
  });

  it("take node-fetch in when an application imports it plainly (control)", async () => {
    const { inputs } = await bundle(
      'export const load = () => import("node-fetch");',
      "node",
    );
    assert.ok(
      inputs.some((path) => path.includes("node_modules/node-fetch/")),
      inputs.join(", "),
    );
  });

  it("carry one resource group without the others or the helpers", async () => {
    const { text } = await bundle(
      'import { CoreClient } from "workos";\n' +
        'import { Organizations } from "workos/organizations";\n' +
        'const client = new CoreClient({ authorizationToken: "sk_test" });\n' +
        "export const list = new Organizations(client).list();",
      "neutral",
    );
    // esbuild heads the code of each module it keeps with its path.
    assert.match(text, /esm\/src\/resources\/organizations\.js/);
    assert.match(text, /esm\/src\/core\/core_client\.js/);
    for (const other of ["resources/directory_groups", "helpers/webhooks"]) {
      assert.doesNotMatch(text, new RegExp(`esm/src/${other}\\.js`), other);
    }
    assert.doesNotMatch(text, /node_modules\/jose/);
  });

  it("drop the client from a bundle that imports only buildPath", async () => {
    const { text } = await bundle(
      'import { buildPath } from "workos";\nconsole.log(buildPath("/o/{id}", { id: "1" }));',
      "neutral",
    );
    assert.match(text, /function buildPath/);
    assert.doesNotMatch(text, /class CoreClient/);
  });
});

async function readManifest() {
  return JSON.parse(await Deno.readTextFile(`${NPM_DIR}/package.json`));
}

async function denoExports(): Promise<Record<string, string>> {
  const { exports } = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  return typeof exports === "string" ? { ".": exports } : exports;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else yield path;
  }
}
