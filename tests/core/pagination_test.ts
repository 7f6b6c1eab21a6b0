import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { withFake } from "../support/fake_client.ts";
import type { CoreClient } from "../../src/core/core_client.ts";

interface Org {
  id: string;
  name: string;
}

function listOrgs(
  client: CoreClient,
  query: Record<string, unknown> = {},
) {
  return client.requestPage(
    { method: "GET", path: "/organizations", query },
    (wire) => wire as Org,
  );
}

describe("pagination", () => {
  it("for await walks every item across pages, nothing missing or repeated", () =>
    withFake(async (fake, client) => {
      const seeded = fake.seedOrganizations(25);
      const ids: string[] = [];
      for await (const org of listOrgs(client, { limit: 10 })) ids.push(org.id);
      // Newest first, the API's default order.
      assert.deepEqual(ids, seeded.map((o) => o.id).reverse());
      assert.equal(fake.requests.length, 3);
      assert.deepEqual(fake.requests.map((r) => r.query.after), [
        undefined,
        ids[9],
        ids[19],
      ]);
    }));

  it("follows the order the caller chose", () =>
    withFake(async (fake, client) => {
      const seeded = fake.seedOrganizations(7);
      const ids = (await listOrgs(client, { limit: 3, order: "asc" }).toArray())
        .map((o) => o.id);
      assert.deepEqual(ids, seeded.map((o) => o.id));
      assert.ok(fake.requests.every((r) => r.query.order === "asc"));
    }));

  it("a break after the first items fetches no further page", () =>
    withFake(async (fake, client) => {
      fake.seedOrganizations(30);
      let seen = 0;
      for await (const _ of listOrgs(client, { limit: 10 })) {
        if (++seen === 3) break;
      }
      assert.equal(fake.requests.length, 1);
    }));

  it("toArray(limit) stops fetching once it has enough", () =>
    withFake(async (fake, client) => {
      fake.seedOrganizations(50);
      const items = await listOrgs(client, { limit: 10 }).toArray(15);
      assert.equal(items.length, 15);
      assert.equal(fake.requests.length, 2);
    }));

  it("awaiting a list gives the first page with hasNextPage() and getNextPage()", () =>
    withFake(async (fake, client) => {
      fake.seedOrganizations(12);
      const first = await listOrgs(client, { limit: 10 });
      assert.equal(first.data.length, 10);
      assert.equal(first.hasNextPage(), true);
      assert.equal(first.listMetadata.after, first.data[9].id);
      const second = await first.getNextPage();
      assert.equal(second.data.length, 2);
      assert.equal(second.hasNextPage(), false);
      assert.throws(() => second.getNextPage(), RangeError);
    }));

  it("a walk that starts from a before cursor goes backwards", () =>
    withFake(async (fake, client) => {
      const seeded = fake.seedOrganizations(25).map((o) => o.id).reverse();
      // Listing order is newest first; start before the 21st item.
      const ids: string[] = [];
      for await (
        const org of listOrgs(client, { limit: 5, before: seeded[20] })
      ) ids.push(org.id);
      assert.deepEqual(new Set(ids), new Set(seeded.slice(0, 20)));
      assert.equal(ids.length, 20);
      assert.ok(
        fake.requests.slice(1).every((r) => r.query.after === undefined),
      );
    }));

  it("a page that fails once is retried and the walk yields every item once", () =>
    withFake(async (fake, client) => {
      const seeded = fake.seedOrganizations(30);
      const ids: string[] = [];
      for await (const org of listOrgs(client, { limit: 10 })) {
        ids.push(org.id);
        // The last item of page two: page three is fetched next.
        if (ids.length === 20) {
          fake.injectFault({ path: "/organizations", status: 503 });
        }
      }
      assert.equal(ids.length, 30);
      assert.equal(new Set(ids).size, 30);
      assert.deepEqual(new Set(ids), new Set(seeded.map((o) => o.id)));
      assert.equal(fake.requests.length, 4);
    }));

  it("an empty list ends at once", () =>
    withFake(async (fake, client) => {
      const items = await listOrgs(client).toArray();
      assert.deepEqual(items, []);
      assert.equal(fake.requests.length, 1);
    }));
});
