/**
 * Path and query encoding. Every id goes through {@link buildPath}, so no
 * call can reach another endpoint than the one its method names.
 *
 * @module
 */

import { describe } from "./options.ts";

/**
 * Fills the `{name}` placeholders of a path template with percent-encoded
 * values.
 *
 * @example Encode an id
 * ```ts
 * import { buildPath } from "@workos/workos";
 *
 * buildPath("/organizations/{id}", { id: "org 1" }); // "/organizations/org%201"
 * ```
 *
 * @param template A path with `{name}` placeholders.
 * @param values The value of each placeholder.
 * @returns The path with each value encoded as one segment.
 * @throws {TypeError} When a value is not a non-empty string, is `.` or
 * `..`, or is missing.
 */
export function buildPath(
  template: string,
  values: Record<string, unknown>,
): string {
  const parts = partsOf(template);
  let path = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    path += encodeSegment(template, parts[i], values[parts[i]]) + parts[i + 1];
  }
  return path;
}

// Each template split once into its text and placeholder names, as
// [text, name, text, name, ..., text]: a regular expression replace with a
// callback took about 4 µs of each call under Node (`deno task bench`).
const templates = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = templates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{([^}]+)\}/);
    // Templates come from the generated code, a bounded set; others are
    // split each time rather than kept.
    if (templates.size < 1024) templates.set(template, parts);
  }
  return parts;
}

function encodeSegment(template: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value === "") {
    throw new TypeError(
      `Cannot build the path ${template} as '${name}' must be a non-empty string: received ${
        describe(value)
      }`,
    );
  }
  if (value === "." || value === "..") {
    throw new TypeError(
      `Cannot build the path ${template} as '${name}' may not be a dot segment: received ${
        JSON.stringify(value)
      }`,
    );
  }
  try {
    return encodeURIComponent(value);
  } catch {
    throw new TypeError(
      `Cannot build the path ${template} as '${name}' must be well-formed Unicode: received a string with a lone surrogate`,
    );
  }
}

/** A value the query encoder accepts. */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ReadonlyArray<string | number | boolean>;

/**
 * Appends query parameters to a URL. `undefined`, `null` and empty arrays
 * are left out, as a filter with nothing in it filters nothing; arrays are
 * joined with commas, as the API reads them (`style: form`,
 * `explode: false`).
 *
 * @param url The URL to extend (changed in place).
 * @param query The parameters, by their wire names.
 * @throws {TypeError} When a value is an object or a non-finite number.
 */
export function appendQuery(
  url: URL,
  query: Record<string, unknown> | undefined,
): void {
  if (query === undefined) return;
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    url.searchParams.set(name, queryText(name, value));
  }
}

// Limitation: an array item that contains a comma cannot be told from two
// items once joined, since the API reads commas as separators; such an
// item reaches the API split in two.
function queryText(name: string, value: unknown): string {
  if (Array.isArray(value)) {
    return value.map((item) => queryText(name, item)).join(",");
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new TypeError(
    `Cannot encode query parameter '${name}' as it must be a string, finite number, boolean or an array of those: received ${
      describe(value)
    }`,
  );
}
