import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import {
  SignatureVerificationError,
  Webhooks,
} from "../../src/helpers/webhooks.ts";

const SECRET = "whsec_super_secret_value_123";
const webhooks = new Webhooks();
const body = JSON.stringify({
  object: "event",
  id: "event_01",
  event: "dsync.user.created",
  data: {
    id: "directory_user_01",
    first_name: "Ada",
    custom_attributes: { cost_center: "R&D" },
  },
  created_at: "2024-01-01T00:00:00.000Z",
  context: { client_id: "client_01" },
});

function header(t: number, payload: string | Uint8Array, secret = SECRET) {
  const mac = createHmac("sha256", secret).update(`${t}.`).update(payload)
    .digest("hex");
  return `t=${t},v1=${mac}`;
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SignatureVerificationError, String(error));
  assert.ok(!error.message.includes(SECRET), "the secret leaked");
  return error;
}

describe("Webhooks.constructEvent", () => {
  it("returns the event mapped to camelCase, free-form maps untouched", async () => {
    const event = await webhooks.constructEvent({
      payload: body,
      sigHeader: header(Date.now(), body),
      secret: SECRET,
    });
    assert.deepEqual(event, {
      object: "event",
      id: "event_01",
      event: "dsync.user.created",
      data: {
        id: "directory_user_01",
        firstName: "Ada",
        customAttributes: { cost_center: "R&D" },
      },
      createdAt: "2024-01-01T00:00:00.000Z",
      context: { clientId: "client_01" },
    });
    // The union narrows on `event`.
    if (event.event === "dsync.user.created") {
      assert.equal(event.data.firstName, "Ada");
    }
  });

  it("accepts the raw body as a Uint8Array or an ArrayBuffer", async () => {
    const bytes = new TextEncoder().encode(body);
    const sigHeader = header(Date.now(), body);
    for (const payload of [bytes, bytes.buffer]) {
      const event = await webhooks.constructEvent({
        payload,
        sigHeader,
        secret: SECRET,
      });
      assert.equal(event.id, "event_01");
    }
  });

  it("verifies the exact bytes, including bytes that are not UTF-8", async () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    await webhooks.verifyHeader({
      payload: bytes,
      sigHeader: header(Date.now(), bytes),
      secret: SECRET,
    });
  });

  it("produces a v1 signature equal to an independent HMAC-SHA256", async () => {
    const t = 1_700_000_000_000;
    const made = await webhooks.createSignatureHeader({
      payload: body,
      secret: SECRET,
      timestamp: t,
    });
    assert.equal(made, header(t, body));
  });

  it("refuses a tampered payload as a signature mismatch", async () => {
    const error = await failure(webhooks.constructEvent({
      payload: body.replace("Ada", "Eve"),
      sigHeader: header(Date.now(), body),
      secret: SECRET,
    }));
    assert.equal(error.reason, "signature_mismatch");
  });

  it("refuses a signature made with another secret", async () => {
    const error = await failure(webhooks.constructEvent({
      payload: body,
      sigHeader: header(Date.now(), body, "whsec_other"),
      secret: SECRET,
    }));
    assert.equal(error.reason, "signature_mismatch");
  });

  it("refuses a tampered signature", async () => {
    const good = header(Date.now(), body);
    const last = good.at(-1) === "0" ? "1" : "0";
    const error = await failure(webhooks.constructEvent({
      payload: body,
      sigHeader: good.slice(0, -1) + last,
      secret: SECRET,
    }));
    assert.equal(error.reason, "signature_mismatch");
  });

  it("reports a missing header for null, undefined and empty", async () => {
    for (const sigHeader of [null, undefined, ""]) {
      const error = await failure(webhooks.constructEvent({
        payload: body,
        sigHeader,
        secret: SECRET,
      }));
      assert.equal(error.reason, "missing_header");
    }
  });

  it("reports a malformed header and says what is wrong", async () => {
    const now = Date.now();
    const v1 = header(now, body).split(",")[1];
    const cases: Array<[string, RegExp]> = [
      ["garbage", /no t= timestamp/],
      [v1, /no t= timestamp/],
      [`t=${now}`, /no v1= signature/],
      [`t=${now},v0=abc`, /no v1= signature/],
      [`t=soon,${v1}`, /milliseconds since the epoch/],
      [`t=-5,${v1}`, /milliseconds since the epoch/],
      [`t=${now},v1=abc123`, /not 64 hex digits/],
      [`t=${now},v1=${"z".repeat(64)}`, /not 64 hex digits/],
    ];
    for (const [sigHeader, detail] of cases) {
      const error = await failure(webhooks.constructEvent({
        payload: body,
        sigHeader,
        secret: SECRET,
      }));
      assert.equal(error.reason, "malformed_header", sigHeader);
      assert.match(error.message, detail);
    }
  });

  it("accepts a header with spaces, an unknown scheme and several v1 values", async () => {
    const now = Date.now();
    const good = header(now, body).split(",")[1];
    const wrong = `v1=${"0".repeat(64)}`;
    await webhooks.verifyHeader({
      payload: body,
      sigHeader: `t=${now}, v0=legacy, ${wrong}, ${good}`,
      secret: SECRET,
    });
  });

  it("refuses a replay older than the default tolerance of 180 s", async () => {
    const t = Date.now() - 181_000;
    const error = await failure(webhooks.constructEvent({
      payload: body,
      sigHeader: header(t, body),
      secret: SECRET,
    }));
    assert.equal(error.reason, "stale_timestamp");
    assert.match(error.message, /in the past, beyond the tolerance of 180 s/);
  });

  it("accepts a delivery just inside the default tolerance", async () => {
    await webhooks.verifyHeader({
      payload: body,
      sigHeader: header(Date.now() - 170_000, body),
      secret: SECRET,
    });
  });

  it("refuses a timestamp too far in the future", async () => {
    const error = await failure(webhooks.constructEvent({
      payload: body,
      sigHeader: header(Date.now() + 200_000, body),
      secret: SECRET,
    }));
    assert.equal(error.reason, "stale_timestamp");
    assert.match(error.message, /in the future/);
  });

  it("honours a custom tolerance in milliseconds", async () => {
    const sigHeader = header(Date.now() - 5_000, body);
    const error = await failure(webhooks.constructEvent({
      payload: body,
      sigHeader,
      secret: SECRET,
      tolerance: 1_000,
    }));
    assert.equal(error.reason, "stale_timestamp");
    await webhooks.verifyHeader({
      payload: body,
      sigHeader,
      secret: SECRET,
      tolerance: 10_000,
    });
  });

  it("checks the timestamp before the signature, so a stale forgery is stale", async () => {
    const error = await failure(webhooks.constructEvent({
      payload: body,
      sigHeader: `t=${Date.now() - 999_000},v1=${"a".repeat(64)}`,
      secret: SECRET,
    }));
    assert.equal(error.reason, "stale_timestamp");
  });

  it("refuses a parsed object as payload, asking for the raw body", async () => {
    await assert.rejects(
      webhooks.constructEvent({
        payload: JSON.parse(body),
        sigHeader: header(Date.now(), body),
        secret: SECRET,
      }),
      (error: Error) =>
        error instanceof TypeError && /raw body/.test(error.message),
    );
  });

  it("refuses a missing secret without printing it", async () => {
    for (const secret of [undefined, "", 42]) {
      await assert.rejects(
        webhooks.constructEvent({
          payload: body,
          sigHeader: header(Date.now(), body),
          secret: secret as string,
        }),
        (error: Error) =>
          error instanceof TypeError && /'secret' must be a non-empty string/
            .test(error.message),
      );
    }
  });

  it("refuses a tolerance that is not above 0", async () => {
    for (const tolerance of [0, -1, Number.NaN]) {
      await assert.rejects(
        webhooks.constructEvent({
          payload: body,
          sigHeader: header(Date.now(), body),
          secret: SECRET,
          tolerance,
        }),
        RangeError,
      );
    }
  });

  it("reports a signed body that is not JSON as a TypeError", async () => {
    await assert.rejects(
      webhooks.constructEvent({
        payload: "not json",
        sigHeader: header(Date.now(), "not json"),
        secret: SECRET,
      }),
      (error: Error) =>
        error instanceof TypeError && /not valid JSON/.test(error.message),
    );
  });

  it("reports a signed JSON body that is not an event", async () => {
    const payload = JSON.stringify({ id: "event_01" });
    await assert.rejects(
      webhooks.constructEvent({
        payload,
        sigHeader: header(Date.now(), payload),
        secret: SECRET,
      }),
      /'event' must be a string/,
    );
  });

  it("never puts the secret in any failure message", async () => {
    const attempts = [
      { payload: body, sigHeader: null },
      { payload: body, sigHeader: "t=1" },
      { payload: body, sigHeader: header(1, body) },
      { payload: "x", sigHeader: header(Date.now(), body) },
    ];
    for (const attempt of attempts) {
      await failure(webhooks.constructEvent({ ...attempt, secret: SECRET }));
    }
  });
});

describe("Webhooks.createSignatureHeader", () => {
  it("signs with the current time by default", async () => {
    const before = Date.now();
    const made = await webhooks.createSignatureHeader({
      payload: body,
      secret: SECRET,
    });
    const t = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(made)?.[1]);
    assert.ok(t >= before && t <= Date.now());
  });

  it("refuses a timestamp that is not whole milliseconds", async () => {
    await assert.rejects(
      webhooks.createSignatureHeader({
        payload: body,
        secret: SECRET,
        timestamp: 1.5,
      }),
      RangeError,
    );
  });
});
