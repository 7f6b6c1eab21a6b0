/**
 * Ids that sort by creation, like the API's ULID-based ones.
 *
 * @module
 */

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Makes ids such as `org_01JF3X4Y5Z0000000000000001`. */
export type IdFactory = (prefix: string) => string;

/**
 * Creates an id factory whose ids compare, as strings, in the order they
 * were made, even within one millisecond or when the clock steps back.
 *
 * @returns A function making ids with the given prefix.
 */
export function createIdFactory(): IdFactory {
  let lastTime = 0;
  let count = 0;
  return (prefix) => {
    // The time part never goes down, and the count part always goes up,
    // so a later id is greater even when the time part ties.
    lastTime = Math.max(Date.now(), lastTime);
    count += 1;
    return prefix + encode(lastTime, 10) + encode(count, 16);
  };
}

function encode(value: number, length: number): string {
  let text = "";
  let rest = value;
  for (let i = 0; i < length; i++) {
    text = CROCKFORD[rest % 32] + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}
