import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CoreClient } from "../../src/core/core_client.ts";
import { WorkOSError } from "../../src/core/errors.ts";

async function withServer(
  status: number,
  body: string,
  fn: (client: CoreClient) => Promise<void>,
): Promise<void> {
  const server = createServer((_, res) => {
    res.writeHead(status, body ? { "content-type": "application/json" } : {});
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await fn(
      new CoreClient({
        authorizationToken: "sk_test",
        baseUrl: `http://127.0.0.1:${port}`,
        maxRetries: 0,
      }),
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const spec = {
  method: "POST",
  path: "/radar/lists/ip_address/block",
  parse: (wire: unknown) => ({ mapped: wire }),
} as const;

describe("optionalBody", () => {
  it("resolves an empty 204 to undefined when the body is optional", () =>
    withServer(204, "", async (client) => {
      const result = await client.request({ ...spec, optionalBody: true });
      assert.equal(result, undefined);
    }));

  it("still parses a JSON answer when the body is optional", () =>
    withServer(200, '{"message":"present"}', async (client) => {
      const result = await client.request({ ...spec, optionalBody: true });
      assert.deepEqual(result, { mapped: { message: "present" } });
    }));

  it("rejects an empty answer when the body is not optional", () =>
    withServer(200, "", async (client) => {
      await assert.rejects(
        client.request(spec),
        (error: unknown) =>
          error instanceof WorkOSError &&
          /expected a JSON body/.test(error.message),
      );
    }));
});
