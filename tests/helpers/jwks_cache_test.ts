import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { errors, type JSONWebKeySet } from "jose";
import { JwksCache } from "../../src/helpers/_jwks.ts";
import { makeKey } from "./_auth_server.ts";

const header = (kid: string) => ({ alg: "RS256", kid });
const token = { payload: "", signature: "" };

async function setup() {
  const a = await makeKey("a");
  const b = await makeKey("b");
  let clock = 0;
  let published: JSONWebKeySet = { keys: [a.jwk] };
  let fetches = 0;
  let failNext = false;
  const cache = new JwksCache(() => {
    fetches++;
    if (failNext) {
      failNext = false;
      return Promise.reject(new Error("network down"));
    }
    return Promise.resolve(published);
  }, { maxAgeMs: 600_000, cooldownMs: 30_000, now: () => clock });
  return {
    cache,
    b,
    fetches: () => fetches,
    tick: (ms: number) => (clock += ms),
    publish: (set: JSONWebKeySet) => (published = set),
    failNext: () => (failNext = true),
  };
}

describe("JwksCache", () => {
  it("fetches again on an unknown key id only once per cooldown", async () => {
    const t = await setup();
    await t.cache.getKey(header("a"), token);
    t.publish({ keys: [t.b.jwk] });

    t.tick(10_000);
    await assert.rejects(
      t.cache.getKey(header("b"), token),
      errors.JWKSNoMatchingKey,
    );
    assert.equal(t.fetches(), 1);

    t.tick(20_000);
    await t.cache.getKey(header("b"), token);
    assert.equal(t.fetches(), 2);

    t.tick(1_000);
    await assert.rejects(
      t.cache.getKey(header("zz"), token),
      errors.JWKSNoMatchingKey,
    );
    assert.equal(t.fetches(), 2);
  });

  it("fetches again once the keys are older than the maximum age", async () => {
    const t = await setup();
    await t.cache.getKey(header("a"), token);
    t.tick(599_000);
    await t.cache.getKey(header("a"), token);
    assert.equal(t.fetches(), 1);
    t.tick(2_000);
    await t.cache.getKey(header("a"), token);
    assert.equal(t.fetches(), 2);
  });

  it("keeps using old keys when a refresh of stale keys fails", async () => {
    const t = await setup();
    await t.cache.getKey(header("a"), token);
    t.tick(601_000);
    t.failNext();
    await t.cache.getKey(header("a"), token);
    assert.equal(t.fetches(), 2);
  });

  it("reports a failed first fetch", async () => {
    const t = await setup();
    t.failNext();
    await assert.rejects(t.cache.getKey(header("a"), token), /network down/);
  });
});
