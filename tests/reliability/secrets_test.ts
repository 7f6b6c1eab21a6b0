/**
 * The API key, a client secret, the cookie password and the webhook
 * secret, each recognisable, never appear in anything the SDK produces:
 * results, errors (message, stack, cause), helper objects, log lines at
 * every level, nor in `String()`, `JSON.stringify`, `Deno.inspect`,
 * `util.inspect` or `console.*` output of any of them.
 */

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  type Exhibit,
  produceExhibits,
  SECRETS,
  secretsIn,
} from "./_secret_objects.ts";
import { Tally } from "./_tally.ts";

const tally = new Tally(import.meta.url);

// Limitation: what the API sends back is kept as it came, so a server or
// proxy that echoed a secret in an error body would put it into the
// error's message and body. The fake never echoes one, so that case is
// not searched here.

/** Each sink's rendering of a value; a sink that throws renders nothing. */
function renderings(value: unknown): [sink: string, text: string][] {
  const out: [string, string][] = [];
  const add = (sink: string, render: () => unknown) => {
    try {
      const text = render();
      if (typeof text === "string") out.push([sink, text]);
    } catch {
      // A sink that cannot render the value cannot leak it either.
    }
  };
  add("String()", () => String(value));
  add("JSON.stringify", () => JSON.stringify(value));
  add("Deno.inspect", () =>
    Deno.inspect(value, {
      depth: Infinity,
      showHidden: true,
      getters: true,
      iterableLimit: Infinity,
      strAbbreviateSize: Infinity,
    }));
  add("util.inspect", () =>
    inspect(value, {
      depth: Infinity,
      showHidden: true,
      getters: true,
      maxArrayLength: Infinity,
      maxStringLength: Infinity,
    }));
  // Every error down the cause chain, as a logger or reporter reads it.
  let error: unknown = value;
  for (let depth = 0; error instanceof Error && depth < 10; depth++) {
    const current: Error = error;
    add(`message (cause ${depth})`, () => current.message);
    add(`stack (cause ${depth})`, () => current.stack);
    add(`toString (cause ${depth})`, () => current.toString());
    error = current.cause;
  }
  return out;
}

/** Searches every rendering; returns what leaked where. */
function search(exhibits: Exhibit[]): { checked: number; leaks: string[] } {
  let checked = 0;
  const leaks: string[] = [];
  for (const { label, value } of exhibits) {
    for (const [sink, text] of renderings(value)) {
      checked++;
      const found = secretsIn(text);
      if (found.length > 0) leaks.push(`${label} via ${sink}: ${found}`);
    }
  }
  return { checked, leaks };
}

describe("secrets", () => {
  it("the search finds a secret planted in any sink it checks", () => {
    const planted: Exhibit[] = [
      { label: "an object", value: { key: SECRETS.apiKey } },
      {
        label: "an error",
        value: new Error(`failed ${SECRETS.webhookSecret}`),
      },
      {
        label: "a cause",
        value: new Error("outer", {
          cause: new Error(SECRETS.cookiePassword.slice(0, 34)),
        }),
      },
      {
        label: "a hidden field",
        value: Object.defineProperty({}, "hidden", {
          value: SECRETS.clientSecret,
          enumerable: false,
        }),
      },
    ];
    const { leaks } = search(planted);
    for (const { label } of planted) {
      assert.ok(leaks.some((leak) => leak.startsWith(label)), label);
    }
  });

  it("never appear in results, errors, helper objects or log lines, through String, JSON, Deno.inspect or util.inspect", async () => {
    const { exhibits, logLines } = await produceExhibits();
    assert.ok(exhibits.length > 50, `${exhibits.length} exhibits`);
    const { checked, leaks } = search(exhibits);

    // Log lines at every level the client wrote, each part and the line.
    const levels = new Set(logLines.map(([level]) => level));
    assert.deepEqual([...levels].sort(), ["debug", "error", "warn"]);
    let lineChecks = 0;
    for (const line of logLines) {
      const text = line.map((part) =>
        typeof part === "string" ? part : inspect(part, { depth: Infinity })
      ).join(" ");
      lineChecks++;
      const found = secretsIn(text);
      if (found.length > 0) leaks.push(`log line "${text}": ${found}`);
    }

    tally.count(
      "secretSinks",
      checked + lineChecks,
      checked + lineChecks - leaks.length,
    );
    tally.note(
      `Secrets: ${exhibits.length} SDK outputs rendered through ${checked} sink outputs, plus ${lineChecks} log lines and the console of a child process`,
    );
    assert.deepEqual(leaks, []);
  });

  it("never appear in console output, including the default console logger, at every level", async () => {
    const child = new URL("./_console_child.ts", import.meta.url).pathname;
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-net=127.0.0.1",
        "--allow-env",
        "--allow-read",
        child,
      ],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.success, true, stderr);

    // The child did print everything, including the client's own log lines
    // at each level it uses.
    const printed = /--- printed (\d+) exhibits/.exec(stdout);
    assert.ok(printed, "the child printed its exhibits");
    const all = `${stdout}\n${stderr}`;
    for (
      const marker of [
        "Retrying",
        "UnauthorizedError",
        "(after 3 attempts)",
        "SessionCookieError",
      ]
    ) {
      assert.ok(all.includes(marker), `the output shows ${marker}`);
    }
    const lines = all.split("\n");
    const leaks = lines.filter((line) => secretsIn(line).length > 0);
    // Six console methods per exhibit, and the default logger's lines.
    const sinks = 6 * Number(printed[1]) + 1;
    tally.count("secretSinks", sinks, leaks.length === 0 ? sinks : sinks - 1);
    assert.deepEqual(leaks, []);
  });
});
