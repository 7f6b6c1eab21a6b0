/**
 * Word handling for names: splitting, casing and plural forms.
 *
 * @module
 */

/** Splits `user-management`, `api_keys` or `createdAt` into lower words. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
}

/** `["api", "keys"]` → `ApiKeys`. */
export function pascal(list: readonly string[]): string {
  return list.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

/** `["api", "keys"]` → `apiKeys`. */
export function camel(list: readonly string[]): string {
  const joined = pascal(list);
  return joined.charAt(0).toLowerCase() + joined.slice(1);
}

/** `directories` → `directory`, `keys` → `key`; words not in -s stay. */
export function singular(word: string): string {
  if (/[^aeiou]ies$/.test(word)) return word.slice(0, -3) + "y";
  if (/(ss|us)$/.test(word)) return word;
  if (/(sh|ch|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

/** `directory` → `directories`, `key` → `keys`. */
export function plural(word: string): string {
  if (word.endsWith("s")) return word;
  if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + "ies";
  if (/(sh|ch|x)$/.test(word)) return word + "es";
  return word + "s";
}

/** Whether two word lists name the same thing, singular or plural. */
export function sameNoun(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length &&
    a.every((word, i) => singular(word) === singular(b[i]));
}
