/**
 * Key conversion for payloads the OpenAPI spec does not describe (Action
 * contexts), so no generated mapper exists for them.
 *
 * @module
 */

import { camelCase } from "../core/mapping.ts";

// Maps whose keys are the customer's own data: converting them would
// rename the customer's fields.
// Limitation: only the free-form maps named here are kept as they are; a
// free-form field WorkOS adds later would have its keys converted until it
// is added to this list.
const FREE_FORM = new Set([
  "metadata",
  "custom_attributes",
  "raw_attributes",
  "custom_claims",
]);

/**
 * Converts snake_case keys to camelCase at every depth, leaving the values
 * of free-form maps (such as `metadata`) untouched.
 *
 * @param value Decoded JSON.
 * @returns A converted copy.
 */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const mapped = FREE_FORM.has(key) ? item : camelizeKeys(item);
    // Assigning "__proto__" would set the prototype (outside Deno), so a
    // payload could give the result inherited fields; it stays data.
    if (key === "__proto__") {
      Object.defineProperty(result, key, {
        value: mapped,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else result[camelCase(key)] = mapped;
  }
  return result;
}
