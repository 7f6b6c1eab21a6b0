/**
 * Property-based tests (fast-check): the case mappers over every generated
 * descriptor, path and query encoding, and webhook and Action signature
 * checks under random headers. Each property's runs go to the tally.
 */

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  camelCase,
  type Descriptor,
  fromWire,
  type Shape,
  snakeCase,
  toWire,
} from "../../src/core/mapping.ts";
import { appendQuery, buildPath } from "../../src/core/url.ts";
import * as wire from "../../src/types/wire.ts";
import { WorkOSClient } from "../../src/client.ts";
import { Webhooks } from "../../src/helpers/webhooks.ts";
import { Actions } from "../../src/helpers/actions.ts";
import { SignatureVerificationError } from "../../src/helpers/signature_error.ts";
import { withProtoAccessor } from "./_support.ts";
import { Tally } from "./_tally.ts";

const tally = new Tally(import.meta.url);

/** Runs a property, counts its runs, and fails with fast-check's report. */
async function holds<Ts>(
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  numRuns: number,
): Promise<void> {
  const details = await fc.check(property, { numRuns });
  const held = details.failed ? details.numRuns - 1 : details.numRuns;
  tally.count("propertyRuns", details.numRuns, held);
  if (details.failed) {
    throw new Error(fc.defaultReportMessage(details) ?? "Property failed");
  }
}

// ---------------------------------------------------------------------------
// Case mappers.
// ---------------------------------------------------------------------------

/** Every generated descriptor, by its export name. */
const DESCRIPTORS = Object.entries(wire).filter(
  (entry): entry is [string, Descriptor] =>
    typeof entry[1] === "object" && entry[1] !== null,
);

/** A wire name as the API writes them: snake_case words from a letter. */
const wireName = fc.stringMatching(
  /^[a-z][a-z0-9]{0,6}(_[a-z][a-z0-9]{0,6}){0,3}$/,
);

/** A key of a free-form map: anything at all, `__proto__` included. */
const anyKey = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "Cost-Center",
    "camelKey",
    "snake_key",
    "with space",
    "日本",
    "",
  ),
);

const scalar = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

/** A free-form map such as `metadata`, kept exactly as sent. */
const freeForm = fc.dictionary(
  anyKey,
  fc.oneof(
    scalar,
    fc.dictionary(anyKey, scalar, { maxKeys: 3, noNullPrototype: true }),
  ),
  { maxKeys: 6, noNullPrototype: true },
);

/**
 * A wire payload that follows `descriptor`: some of its listed fields
 * (nested ones following their own descriptor) and unknown fields with
 * scalar or free-form values. No two keys share a camelCase form, as the
 * API never sends such a pair for one schema.
 */
function wirePayload(
  descriptor: Descriptor,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  if (Array.isArray(descriptor)) {
    const [field, cases] = descriptor as readonly [
      string,
      Record<string, Shape>,
    ];
    const tags = Object.keys(cases);
    return fc.oneof(
      ...tags.slice(0, 40).map((tag) =>
        wirePayload(cases[tag], depth + 1).map((payload) => ({
          ...payload,
          [field]: tag,
        }))
      ),
    );
  }
  const shape = descriptor as Shape;
  const listed = Object.keys(shape);
  const taken = new Set(listed.map(camelCase));
  const valueOf = (key: string): fc.Arbitrary<unknown> => {
    const rule = shape[key];
    if (typeof rule === "object" && depth < 3) {
      const nested = wirePayload(rule, depth + 1);
      return fc.oneof(
        nested,
        fc.array(nested, { maxLength: 2 }),
        fc.constant(null),
      );
    }
    return fc.oneof(scalar, freeForm);
  };
  const unknownKeys = fc.uniqueArray(
    wireName.filter((name) => !taken.has(camelCase(name))),
    { maxLength: 4, selector: camelCase },
  );
  const listedKeys = fc.subarray(listed);
  return fc.tuple(listedKeys, unknownKeys).chain(([known, extra]) =>
    fc.record(
      Object.fromEntries(
        [...known, ...extra].map((key) => [key, valueOf(key)]),
      ) as Record<string, fc.Arbitrary<unknown>>,
      { noNullPrototype: true },
    )
  );
}

describe("case mappers", () => {
  it("camelCase and snakeCase invert each other on wire names and SDK names", async () => {
    await holds(
      fc.property(wireName, (name) => snakeCase(camelCase(name)) === name),
      500,
    );
    const sdkName = fc.stringMatching(
      /^[a-z][a-z0-9]{0,6}([A-Z][a-z0-9]{0,6}){0,3}$/,
    );
    await holds(
      fc.property(sdkName, (name) => camelCase(snakeCase(name)) === name),
      500,
    );
  });

  it(`toWire(fromWire(payload)) gives the payload back, for each of the ${DESCRIPTORS.length} generated descriptors`, async () => {
    assert.ok(DESCRIPTORS.length > 100, `${DESCRIPTORS.length} descriptors`);
    for (const [name, descriptor] of DESCRIPTORS) {
      await holds(
        fc.property(wirePayload(descriptor), (payload) => {
          const sdk = fromWire(payload, descriptor);
          assert.deepStrictEqual(toWire(sdk, descriptor), payload, name);
          // Mapping never changes its input.
          assert.deepStrictEqual(
            fromWire(structuredClone(payload), descriptor),
            sdk,
          );
        }),
        20,
      );
    }
  });

  it("keeps every key of metadata and other free-form maps untouched, both ways", async () => {
    const carriers = DESCRIPTORS.filter(([, d]) =>
      !Array.isArray(d) && !Object.hasOwn(d, "metadata")
    );
    await holds(
      fc.property(
        fc.constantFrom(...carriers),
        freeForm,
        ([, descriptor], metadata) => {
          const sdk = fromWire<Record<string, unknown>>(
            { id: "x_1", metadata },
            descriptor,
          );
          assert.deepStrictEqual(
            Object.keys(sdk.metadata as object),
            Object.keys(metadata),
          );
          assert.deepStrictEqual(sdk.metadata, metadata);
          const back = toWire<Record<string, unknown>>(sdk, descriptor);
          assert.deepStrictEqual(back.metadata, metadata);
        },
      ),
      300,
    );
  });

  it("keeps a hostile __proto__ key as data: it never becomes the result's prototype", async () => {
    await holds(
      fc.property(
        fc.constantFrom(...DESCRIPTORS),
        fc.dictionary(wireName, scalar, { maxKeys: 3 }),
        ([, descriptor], injected) =>
          withProtoAccessor(() => {
            const payload = JSON.parse(
              `{"id":"x_1","__proto__":${JSON.stringify(injected)}}`,
            );
            const sdk = fromWire<Record<string, unknown>>(payload, descriptor);
            assert.equal(Object.getPrototypeOf(sdk), Object.prototype);
            for (const key of Object.keys(injected)) {
              assert.equal(camelCase(key) in sdk, false);
            }
            const back = toWire<Record<string, unknown>>(sdk, descriptor);
            assert.equal(Object.getPrototypeOf(back), Object.prototype);
            for (const key of Object.keys(injected)) {
              assert.equal(key in back, false);
            }
          }),
      ),
      300,
    );
  });
});

// ---------------------------------------------------------------------------
// Path and query encoding.
// ---------------------------------------------------------------------------

/** Any string, lone surrogates and dot segments included. */
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 16 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.string({
    unit: fc.constantFrom(
      "/",
      ".",
      "..",
      "?",
      "#",
      "%",
      " ",
      "&",
      "=",
      "\\",
      "%2F",
      "\ud800",
      "é",
    ),
    maxLength: 6,
  }),
);

function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
    .test(text);
}

describe("path and query encoding", () => {
  it("buildPath keeps any id inside its own segment, or refuses it with a TypeError naming it", async () => {
    await holds(
      fc.property(anyString, anyString, (id, slug) => {
        const template = "/organizations/{id}/roles/{slug}";
        const refused = [id, slug].some((value) =>
          value === "" || value === "." || value === ".." ||
          !isWellFormed(value)
        );
        let path: string;
        try {
          path = buildPath(template, { id, slug });
        } catch (error) {
          assert.ok(refused, `refused ${JSON.stringify([id, slug])}`);
          assert.ok(error instanceof TypeError);
          assert.match(error.message, /'(id|slug)'/);
          return;
        }
        assert.ok(!refused, `accepted ${JSON.stringify([id, slug])}`);
        const segments = path.split("/");
        assert.equal(segments.length, 5);
        assert.deepEqual(
          [segments[1], segments[3]],
          ["organizations", "roles"],
        );
        assert.equal(decodeURIComponent(segments[2]), id);
        assert.equal(decodeURIComponent(segments[4]), slug);
        // The URL parser leaves it as it is: no dot segment resolved, no
        // query or fragment started.
        const url = new URL(`https://api.workos.test${path}`);
        assert.equal(url.pathname, path);
        assert.equal(url.search, "");
        assert.equal(url.hash, "");
      }),
      1000,
    );
  });

  const queryValue = fc.oneof(
    anyString.filter(isWellFormed),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(
      fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean()),
      {
        maxLength: 4,
      },
    ),
  );

  it("appendQuery sends each parameter under its own name, with the value it was given", async () => {
    await holds(
      fc.property(
        fc.dictionary(anyString.filter(isWellFormed), queryValue, {
          maxKeys: 6,
        }),
        (query) => {
          const url = new URL("https://api.workos.test/organizations");
          appendQuery(url, query);
          const parsed = new URL(url.toString());
          assert.equal(parsed.pathname, "/organizations");
          assert.equal(parsed.hash, "");
          const expected = Object.entries(query)
            // Empty arrays are left out: an empty filter filters nothing.
            .filter(([, value]) =>
              value !== undefined && value !== null &&
              !(Array.isArray(value) && value.length === 0)
            )
            .map(([name, value]) => [
              name,
              Array.isArray(value)
                ? value.map(String).join(",")
                : String(value),
            ]);
          assert.deepEqual(
            [...parsed.searchParams].sort(),
            expected.sort(),
          );
        },
      ),
      1000,
    );
  });

  it("appendQuery refuses objects and non-finite numbers with a TypeError naming the parameter", async () => {
    await holds(
      fc.property(
        wireName,
        fc.oneof(
          fc.constantFrom(NaN, Infinity, -Infinity),
          fc.dictionary(wireName, scalar, { minKeys: 1, maxKeys: 2 }),
          fc.constant([{}]),
        ),
        (name, value) => {
          assert.throws(
            () =>
              appendQuery(new URL("https://api.workos.test/"), {
                [name]: value,
              }),
            (error: unknown) =>
              error instanceof TypeError && error.message.includes(`'${name}'`),
          );
        },
      ),
      300,
    );
  });

  it("a generated list method sends search text and filters exactly as given", async () => {
    const seen: URL[] = [];
    const workos = new WorkOSClient({
      authorizationToken: "sk_test_properties",
      maxRetries: 0,
      fetcher: (input) => {
        seen.push(new URL(String(input)));
        return Promise.resolve(
          new Response(
            '{"data":[],"list_metadata":{"before":null,"after":null}}',
          ),
        );
      },
    });
    await holds(
      fc.asyncProperty(
        anyString.filter(isWellFormed),
        fc.array(fc.stringMatching(/^[a-z0-9-]{1,10}\.[a-z]{2,4}$/), {
          maxLength: 3,
        }),
        async (search, domains) => {
          await workos.organizations.list({ search, domains, limit: 5 });
          const url = seen.at(-1)!;
          assert.equal(url.pathname, "/organizations");
          assert.equal(url.searchParams.get("search"), search);
          assert.equal(
            url.searchParams.get("domains"),
            domains.length === 0 ? null : domains.join(","),
          );
          assert.equal(url.searchParams.get("limit"), "5");
        },
      ),
      300,
    );
  });
});

// ---------------------------------------------------------------------------
// Signatures.
// ---------------------------------------------------------------------------

const SECRET = "whsec_properties_3c1f";
const hex = (length: number) =>
  fc.string({
    unit: fc.constantFrom(..."0123456789abcdefABCDEF"),
    minLength: length,
    maxLength: length,
  });

/** Headers from random text to near misses of the real format. */
const randomHeader = fc.oneof(
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({
    unit: fc.constantFrom("t", "v1", "v0", "=", ",", " ", "1", "a", "f", ";"),
    maxLength: 40,
  }),
  fc.tuple(
    fc.oneof(fc.nat(), fc.constant(Date.now()), fc.string({ maxLength: 14 })),
    hex(64),
  )
    .map(([t, v1]) => `t=${t},v1=${v1}`),
  fc.tuple(
    fc.constant(Date.now()),
    fc.oneof(hex(63), hex(65), hex(128), fc.string({ maxLength: 64 })),
  )
    .map(([t, v1]) => `t=${t}, v1=${v1}`),
  fc.tuple(fc.constant(Date.now()), fc.array(hex(64), { maxLength: 4 }))
    .map(([t, sigs]) => [`t=${t}`, ...sigs.map((s) => `v1=${s}`)].join(",")),
);

const payload = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 2 }),
  fc.uint8Array({ maxLength: 64 }),
);

type Verifier = {
  name: string;
  verify: (
    p: string | Uint8Array,
    header: string,
    secret: string,
  ) => Promise<void>;
  sign: (
    p: string | Uint8Array,
    secret: string,
    timestamp?: number,
  ) => Promise<string>;
};

const webhooks = new Webhooks();
const actions = new Actions();
const VERIFIERS: Verifier[] = [
  {
    name: "Webhooks",
    verify: (p, sigHeader, secret) =>
      webhooks.verifyHeader({ payload: p, sigHeader, secret }),
    sign: (p, secret, timestamp) =>
      webhooks.createSignatureHeader({ payload: p, secret, timestamp }),
  },
  {
    name: "Actions",
    verify: (p, sigHeader, secret) =>
      actions.verifyHeader({ payload: p, sigHeader, secret }),
    sign: (p, secret, timestamp) =>
      actions.createSignatureHeader({ payload: p, secret, timestamp }),
  },
];

for (const verifier of VERIFIERS) {
  describe(`${verifier.name} signature parsing`, () => {
    it("a random header never crashes and never verifies", async () => {
      await holds(
        fc.asyncProperty(randomHeader, payload, async (header, body) => {
          await assert.rejects(
            verifier.verify(body, header, SECRET),
            (error: unknown) => error instanceof SignatureVerificationError,
          );
        }),
        400,
      );
    });

    it("a genuine header verifies, and any change to its signature, time, payload or secret does not", async () => {
      await holds(
        fc.asyncProperty(
          payload,
          fc.string({ minLength: 1, maxLength: 40 }),
          fc.nat({ max: 63 }),
          fc.nat({ max: 14 }),
          async (body, secret, at, by) => {
            const header = await verifier.sign(body, secret);
            await verifier.verify(body, header, secret);

            const [t, v1] = header.split(",");
            const digits = v1.slice(3);
            const flipped = (parseInt(digits[at], 16) + 1 + by) % 16;
            const forged = `${t},v1=${digits.slice(0, at)}${
              flipped.toString(16)
            }${digits.slice(at + 1)}`;
            const later = `t=${Number(t.slice(2)) + 1 + by},${v1}`;
            const changed = typeof body === "string"
              ? body + " "
              : Uint8Array.from([...body, 0]);
            for (
              const [label, attempt] of [
                [
                  "a changed signature",
                  () => verifier.verify(body, forged, secret),
                ],
                ["a changed time", () => verifier.verify(body, later, secret)],
                [
                  "a changed payload",
                  () => verifier.verify(changed, header, secret),
                ],
                [
                  "another secret",
                  () => verifier.verify(body, header, `${secret}x`),
                ],
              ] as const
            ) {
              await assert.rejects(
                attempt(),
                (error: unknown) =>
                  error instanceof SignatureVerificationError &&
                  error.reason === "signature_mismatch",
                label,
              );
            }
          },
        ),
        100,
      );
    });

    it("a header that is not a string fails with a TypeError, never verifies", async () => {
      await holds(
        fc.asyncProperty(
          fc.oneof(
            fc.integer(),
            fc.boolean(),
            fc.object({ maxDepth: 1 }),
            fc.array(fc.string()),
          ),
          async (header) => {
            await assert.rejects(
              verifier.verify("{}", header as unknown as string, SECRET),
              TypeError,
            );
          },
        ),
        100,
      );
    });
  });
}
