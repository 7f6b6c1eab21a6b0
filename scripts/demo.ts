/**
 * Walks through the README's usage against the local WorkOS fake, printing
 * each step. With WORKOS_API_KEY set, it lists the organizations of that
 * account instead and changes nothing.
 *
 * Run: deno task demo
 *
 * @module
 */

import { NotFoundError, WorkOSClient } from "../mod.ts";
import { startFakeWorkOS } from "../src/testing/mod.ts";

const realKey = Deno.env.get("WORKOS_API_KEY");
if (realKey) {
  await listRealAccount();
} else {
  await walkThroughFake();
}

async function listRealAccount(): Promise<void> {
  const workos = new WorkOSClient({
    baseUrl: Deno.env.get("WORKOS_BASE_URL"),
  });
  console.log("WORKOS_API_KEY is set: listing organizations, read-only.");
  let count = 0;
  for await (const org of workos.organizations.list({ limit: 100 })) {
    console.log(`  ${org.id}  ${org.name}`);
    count++;
  }
  console.log(`${count} organizations.`);
}

async function walkThroughFake(): Promise<void> {
  await using fake = await startFakeWorkOS();
  console.log(`Local WorkOS fake listening on ${fake.url}\n`);

  const workos = new WorkOSClient({
    authorizationToken: fake.apiKey,
    baseUrl: fake.url,
  });

  console.log("1. Create organizations");
  for (const name of ["Foo Corp", "Bar Inc", "Baz Ltd"]) {
    const org = await workos.organizations.create({ name });
    console.log(`   created ${org.id} ${org.name}`);
  }
  fake.seedOrganizations(22);
  console.log("   seeded 22 more\n");

  console.log("2. List them across pages (5 a page), newest first");
  let count = 0;
  const before = fake.requests.length;
  for await (const org of workos.organizations.list({ limit: 5 })) {
    if (count < 3) console.log(`   ${org.id} ${org.name}`);
    count++;
  }
  console.log(
    `   ... ${count} organizations in ${
      fake.requests.length - before
    } requests\n`,
  );

  console.log("3. Catch a 404");
  try {
    await workos.organizations.get("org_does_not_exist");
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.log(`   ${error.name}: ${error.message}\n`);
  }

  console.log("4. Survive an injected 503 through a retry");
  fake.injectFault({
    method: "GET",
    path: "/organizations",
    status: 503,
    headers: { "retry-after": "0" },
  });
  const start = fake.requests.length;
  const page = await workos.organizations.list({ limit: 1 });
  const statuses = fake.requests.slice(start).length;
  console.log(
    `   got ${page.data.length} organization after ${statuses} attempts\n`,
  );

  console.log("5. The idempotency key at work");
  fake.injectFault({
    method: "POST",
    path: "/organizations",
    dropConnection: "after",
  });
  const countBefore = fake.countObjects("organizations");
  const created = await workos.organizations.create({ name: "Exactly Once" });
  const attempts = fake.requests.filter((r) =>
    r.method === "POST" && r.body && (r.body as { name?: string }).name ===
      "Exactly Once"
  );
  console.log(
    `   the first answer was lost; ${attempts.length} attempts carried key ${
      attempts[0].headers["idempotency-key"]
    }`,
  );
  console.log(
    `   organizations before: ${countBefore}, after: ${
      fake.countObjects("organizations")
    } (one ${created.id})`,
  );

  console.log("\nDone.");
}
