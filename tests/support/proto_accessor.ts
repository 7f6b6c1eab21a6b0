/**
 * Runs `run` with the standard `__proto__` accessor on `Object.prototype`,
 * which Node, Bun and browsers have and Deno leaves out, so that a test
 * sees what assigning a `__proto__` key does there.
 */
export function withProtoAccessor<T>(run: () => T): T {
  Object.defineProperty(Object.prototype, "__proto__", {
    get(this: object) {
      return Object.getPrototypeOf(this);
    },
    set(this: object, proto: object | null) {
      Object.setPrototypeOf(this, proto);
    },
    configurable: true,
  });
  try {
    return run();
  } finally {
    delete (Object.prototype as { __proto__?: unknown }).__proto__;
  }
}
