import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import {
  Actions,
  SignatureVerificationError,
} from "../../src/helpers/actions.ts";

const SECRET = "action_secret_never_printed_42";
const actions = new Actions();

const authenticationBody = JSON.stringify({
  object: "authentication_action_context",
  id: "01JACTIONAUTH",
  user: {
    object: "user",
    id: "user_01",
    email: "ada@example.com",
    first_name: "Ada",
    email_verified: true,
    metadata: { plan_tier: "gold" },
  },
  organization: { object: "organization", id: "org_01", name: "Foo Corp" },
  organization_membership: {
    id: "om_01",
    role: { slug: "admin" },
    custom_attributes: { cost_center: "42" },
  },
  ip_address: "203.0.113.7",
  user_agent: "Mozilla/5.0",
  authentication_method: "Password",
  device_fingerprint: null,
  issuer: null,
});

const registrationBody = JSON.stringify({
  object: "user_registration_action_context",
  id: "01JACTIONREG",
  user_data: {
    object: "user_data",
    email: "grace@example.com",
    first_name: "Grace",
    last_name: "Hopper",
  },
  ip_address: "203.0.113.8",
});

function header(t: number, payload: string) {
  const mac = createHmac("sha256", SECRET).update(`${t}.${payload}`).digest(
    "hex",
  );
  return `t=${t},v1=${mac}`;
}

describe("Actions.constructAction", () => {
  it("maps an authentication context to camelCase and keeps free-form maps", async () => {
    const action = await actions.constructAction({
      payload: authenticationBody,
      sigHeader: header(Date.now(), authenticationBody),
      secret: SECRET,
    });
    assert.equal(action.object, "authentication_action_context");
    if (action.object !== "authentication_action_context") return;
    assert.equal(action.id, "01JACTIONAUTH");
    assert.equal(action.ipAddress, "203.0.113.7");
    assert.equal(action.authenticationMethod, "Password");
    assert.equal(action.user.firstName, "Ada");
    assert.equal(action.user.emailVerified, true);
    assert.deepEqual(action.user.metadata, { plan_tier: "gold" });
    assert.deepEqual(action.organizationMembership?.customAttributes, {
      cost_center: "42",
    });
    assert.deepEqual(action.organizationMembership?.role, { slug: "admin" });
  });

  it("maps a user registration context", async () => {
    const action = await actions.constructAction({
      payload: registrationBody,
      sigHeader: header(Date.now(), registrationBody),
      secret: SECRET,
    });
    assert.equal(action.object, "user_registration_action_context");
    if (action.object !== "user_registration_action_context") return;
    assert.deepEqual(action.userData, {
      object: "user_data",
      email: "grace@example.com",
      firstName: "Grace",
      lastName: "Hopper",
    });
  });

  it("refuses a request older than the default tolerance of 30 s", async () => {
    const error = await actions.constructAction({
      payload: registrationBody,
      sigHeader: header(Date.now() - 31_000, registrationBody),
      secret: SECRET,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof SignatureVerificationError);
    assert.equal(error.reason, "stale_timestamp");
    assert.match(error.message, /tolerance of 30 s/);
  });

  it("accepts a request 25 s old", async () => {
    await actions.verifyHeader({
      payload: registrationBody,
      sigHeader: header(Date.now() - 25_000, registrationBody),
      secret: SECRET,
    });
  });

  it("refuses a tampered request", async () => {
    const error = await actions.constructAction({
      payload: registrationBody.replace("grace", "mallory"),
      sigHeader: header(Date.now(), registrationBody),
      secret: SECRET,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof SignatureVerificationError);
    assert.equal(error.reason, "signature_mismatch");
    assert.ok(!error.message.includes(SECRET));
  });

  it("refuses a missing header", async () => {
    const error = await actions.constructAction({
      payload: registrationBody,
      sigHeader: undefined,
      secret: SECRET,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof SignatureVerificationError);
    assert.equal(error.reason, "missing_header");
  });

  it("refuses a signed body of an unknown kind", async () => {
    const payload = JSON.stringify({ object: "mystery_context", id: "1" });
    await assert.rejects(
      actions.constructAction({
        payload,
        sigHeader: header(Date.now(), payload),
        secret: SECRET,
      }),
      (error: Error) =>
        error instanceof TypeError && /'object' must be/.test(error.message),
    );
  });

  it("verifies a header made by createSignatureHeader", async () => {
    const sigHeader = await actions.createSignatureHeader({
      payload: registrationBody,
      secret: SECRET,
    });
    const action = await actions.constructAction({
      payload: registrationBody,
      sigHeader,
      secret: SECRET,
    });
    assert.equal(action.id, "01JACTIONREG");
  });
});

describe("Actions.signResponse", () => {
  it("signs an Allow verdict over the timestamp and the payload's JSON", async () => {
    const before = Date.now();
    const response = await actions.signResponse(
      { type: "authentication", verdict: "Allow" },
      SECRET,
    );
    assert.equal(response.object, "authentication_action_response");
    assert.equal(response.payload.verdict, "Allow");
    assert.ok(response.payload.timestamp >= before);
    assert.equal(response.payload.error_message, undefined);
    const expected = createHmac("sha256", SECRET)
      .update(
        `${response.payload.timestamp}.${JSON.stringify(response.payload)}`,
      )
      .digest("hex");
    assert.equal(response.signature, expected);
  });

  it("puts the message of a Deny in error_message, after the verdict", async () => {
    const response = await actions.signResponse(
      { type: "user_registration", verdict: "Deny", errorMessage: "No" },
      SECRET,
    );
    assert.equal(response.object, "user_registration_action_response");
    assert.deepEqual(Object.keys(response.payload), [
      "timestamp",
      "verdict",
      "error_message",
    ]);
    assert.equal(response.payload.error_message, "No");
    const expected = createHmac("sha256", SECRET)
      .update(
        `${response.payload.timestamp}.${JSON.stringify(response.payload)}`,
      )
      .digest("hex");
    assert.equal(response.signature, expected);
  });

  it("refuses a message with an Allow verdict as contradictory", async () => {
    await assert.rejects(
      actions.signResponse(
        { type: "authentication", verdict: "Allow", errorMessage: "hm" },
        SECRET,
      ),
      /contradicts the "Allow" verdict/,
    );
  });

  it("refuses an unknown type or verdict", async () => {
    await assert.rejects(
      actions.signResponse(
        { type: "login" as "authentication", verdict: "Allow" },
        SECRET,
      ),
      /'type' must be/,
    );
    await assert.rejects(
      actions.signResponse(
        { type: "authentication", verdict: "allow" as "Allow" },
        SECRET,
      ),
      /'verdict' must be "Allow" or "Deny"/,
    );
  });

  it("refuses an empty secret", async () => {
    await assert.rejects(
      actions.signResponse({ type: "authentication", verdict: "Allow" }, ""),
      TypeError,
    );
  });
});
