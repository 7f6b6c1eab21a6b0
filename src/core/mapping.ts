/**
 * Maps API payloads between the wire's snake_case and the SDK's camelCase,
 * guided by a small generated descriptor per schema.
 *
 * @module
 */

/**
 * What a generated descriptor says about one wire field:
 * - a nested {@link Shape}: the value is an object, or an array of objects,
 *   of that schema, mapped in turn;
 * - `"plain"`: a value passed as is, listed only because its camelCase name
 *   does not turn back into the wire name by rule (`api_key_last_4`).
 *
 * Fields a descriptor leaves out are values passed as they are under a
 * name that converts by rule: scalars, arrays of scalars and free-form maps
 * (`metadata`, `custom_attributes`), whose keys are never touched.
 */
export type FieldRule = Shape | Union | "plain";

/**
 * The descriptor of a union whose members disagree on a field (one has a
 * free-form map where another has an object): the value of one wire field
 * (such as an event's `event`) picks the member's descriptor. A value no
 * case names is mapped at its top level only.
 */
export type Union = readonly [
  field: string,
  cases: { readonly [value: string]: Shape },
];

/** What {@link fromWire} and {@link toWire} follow: a shape or a union. */
export type Descriptor = Shape | Union;

/** The generated descriptor of one schema: its fields that need a rule. */
export interface Shape {
  /** The rule of each listed field, by wire name. */
  readonly [wireName: string]: FieldRule;
}

/**
 * Turns a wire name into its camelCase form: each `_` that follows a letter
 * or digit is dropped and the next letter or digit upper-cased.
 *
 * @param name A wire name such as `created_at`.
 * @returns The camelCase name, such as `createdAt`.
 */
export function camelCase(name: string): string {
  return name.replace(
    /(?<=[A-Za-z0-9])_([a-z0-9])/g,
    (_, next: string) => next.toUpperCase(),
  );
}

/**
 * Turns a camelCase name into snake_case: each upper-case letter becomes
 * `_` and its lower-case form.
 *
 * @param name A name such as `createdAt`.
 * @returns The snake_case name, such as `created_at`.
 */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

// What to do with one key of an object of a given shape, one way: the
// name it gets on the other side, and the descriptor its value follows
// (`undefined`: passed as is).
interface KeyPlan {
  readonly name: string;
  readonly rule: Descriptor | undefined;
}

// The plans of the keys seen so far, per shape and way. Converting a name
// runs a regular expression; an iteration over 100,000 organizations meets
// the same twenty names two million times, so each is converted once.
const plansIn = new WeakMap<Shape, Map<string, KeyPlan>>();
const plansOut = new WeakMap<Shape, Map<string, KeyPlan>>();
// Keys are bounded by the spec, but a payload may carry keys no schema
// names; past this many per shape, new ones are converted each time.
const MAX_PLANNED_KEYS = 512;

function plansOf(shape: Shape, way: "in" | "out"): Map<string, KeyPlan> {
  const plans = way === "in" ? plansIn : plansOut;
  let byKey = plans.get(shape);
  if (byKey === undefined) plans.set(shape, byKey = new Map());
  return byKey;
}

function newPlan(
  byKey: Map<string, KeyPlan>,
  shape: Shape,
  key: string,
  way: "in" | "out",
): KeyPlan {
  const wire = way === "in" ? key : reverseOf(shape).get(key) ?? snakeCase(key);
  const rule = Object.hasOwn(shape, wire) ? shape[wire] : undefined;
  const plan = {
    name: way === "in" ? camelCase(key) : wire,
    rule: typeof rule === "object" ? rule : undefined,
  };
  if (byKey.size < MAX_PLANNED_KEYS) byKey.set(key, plan);
  return plan;
}

// The reverse lookup of each descriptor, built once on first use.
const reverseCache = new WeakMap<Shape, Map<string, string>>();

function reverseOf(shape: Shape): Map<string, string> {
  let reverse = reverseCache.get(shape);
  if (reverse === undefined) {
    reverse = new Map();
    for (const wire of Object.keys(shape)) reverse.set(camelCase(wire), wire);
    reverseCache.set(shape, reverse);
  }
  return reverse;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Maps a decoded API payload to the SDK's form. Keys become camelCase and
 * nested schemas are mapped in turn; free-form maps are kept as they are.
 * Fields the descriptor does not know are kept too, under a camelCase key,
 * with their value as sent. Arrays are mapped item by item.
 *
 * @param value The decoded JSON.
 * @param shape The descriptor of the payload's schema.
 * @returns A new value; the input is not changed.
 */
export function fromWire<T = unknown>(value: unknown, shape: Descriptor): T {
  return mapValue(value, shape, "in") as T;
}

/**
 * Maps an SDK value to the API's wire form: the inverse of
 * {@link fromWire}. `undefined` fields are left out, so optional fields the
 * caller did not set are not sent.
 *
 * @param value A params object or part of one.
 * @param shape The descriptor of the payload's schema.
 * @returns A new value ready for `JSON.stringify`.
 */
export function toWire<T = Record<string, unknown>>(
  value: unknown,
  shape: Descriptor,
): T {
  return mapValue(value, shape, "out") as T;
}

/**
 * A `parse` function for a request: {@link fromWire} with a fixed shape.
 *
 * @param shape The descriptor of the answer's schema.
 * @returns A function from the decoded answer to the mapped result.
 */
export function parser<T>(shape: Descriptor): (wire: unknown) => T {
  return (wire) => mapValue(wire, shape, "in") as T;
}

function mapValue(
  value: unknown,
  descriptor: Descriptor,
  way: "in" | "out",
): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => mapValue(item, descriptor, way));
  }
  if (!isRecord(value)) return value;

  const shape = isUnion(descriptor)
    ? caseOf(descriptor, value, way)
    : descriptor;
  const plans = plansOf(shape, way);
  const mapped: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined && way === "out") continue;
    const plan = plans.get(key) ?? newPlan(plans, shape, key, way);
    const result = plan.rule === undefined
      ? item
      : mapValue(item, plan.rule, way);
    // Assigning "__proto__" would set the prototype (outside Deno), so a
    // payload could give the result inherited fields; it stays data.
    if (plan.name === "__proto__") {
      Object.defineProperty(mapped, plan.name, {
        value: result,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else mapped[plan.name] = result;
  }
  return mapped;
}

// Limitation: where the API sends a field twice, as `created_at` and as a
// deprecated `createdAt`, both land on `createdAt` and the one later in the
// payload wins; the two carry the same value in the spec.

function isUnion(descriptor: Descriptor): descriptor is Union {
  return Array.isArray(descriptor);
}

// Limitation: a union member the SDK does not know yet (an event type newer
// than the spec it was generated from) is mapped at its top level only: its
// nested objects, such as the event's `data`, keep their snake_case keys.
const NO_FIELDS: Shape = {};

function caseOf(
  union: Union,
  value: Record<string, unknown>,
  way: "in" | "out",
): Shape {
  const [field, cases] = union;
  const tag = value[way === "in" ? field : camelCase(field)];
  return typeof tag === "string" && Object.hasOwn(cases, tag)
    ? cases[tag]
    : NO_FIELDS;
}
