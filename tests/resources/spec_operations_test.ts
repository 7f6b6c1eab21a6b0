/**
 * One test per operation of the OpenAPI spec: the SDK method that serves it
 * is called against a local server that checks the request against the
 * spec and answers with the spec's examples; the test then checks what the
 * method returned, in camelCase.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { WorkOSClient } from "../../src/client.ts";
import type { Page } from "../../src/core/pagination.ts";
import { buildModel, type Operation } from "../../scripts/generator/model.ts";
import { camelize, sampleCall } from "../../scripts/generator/samples.ts";
import { loadSpec, type Schema } from "../../scripts/generator/spec.ts";
import { type SpecServer, startSpecServer } from "../support/spec_server.ts";

const SPEC_PATH = new URL(
  "../../../shared/openapi/workos-openapi.yaml",
  import.meta.url,
).pathname;
const API_KEY = "sk_test_spec_4f1c";
const CLIENT_ID = "client_01SPEC";

const spec = await loadSpec(SPEC_PATH);
const model = buildModel(spec);

function methodOf(
  client: WorkOSClient,
  op: Operation,
): (...args: unknown[]) => unknown {
  let target: unknown = client;
  for (const part of op.group) {
    target = (target as Record<string, unknown>)[part];
  }
  const method = (target as Record<string, unknown>)[op.name];
  assert.equal(typeof method, "function", `workos.${op.fullName} exists`);
  return (method as (...args: unknown[]) => unknown).bind(target);
}

describe("every spec operation through its SDK method", () => {
  let server: SpecServer;
  let client: WorkOSClient;

  before(async () => {
    server = await startSpecServer(spec, API_KEY);
    client = new WorkOSClient({
      authorizationToken: API_KEY,
      clientId: CLIENT_ID,
      baseUrl: server.url,
      maxRetries: 0,
    });
  });
  after(() => server.close());

  it("covers all 212 operations of the spec", () => {
    assert.equal(model.operations.length, 212);
  });

  for (const op of model.operations) {
    const title = op.kind === "url"
      ? `${op.fullName} builds a ${op.id} URL that the spec accepts`
      : `${op.fullName} sends a valid ${op.id} and maps the answer`;
    it(title, async () => {
      const source = op.source;
      const call = sampleCall(
        spec,
        op,
        { clientId: CLIENT_ID, apiKey: API_KEY },
        (kind, value) => server.validator.accepts(source, kind, value),
      );
      const invoke = methodOf(client, op);

      const before = server.exchanges.length;
      if (op.kind === "url") {
        const url = new URL(invoke(...call.args) as string);
        const matched = server.validator.match("GET", url.pathname);
        assert.equal(matched?.op.path, source.path);
        const decoded = server.validator.decodeQuery(source, url.searchParams);
        assert.deepEqual(decoded.problems, []);
        const expected = { ...call.query };
        if (op.clientIdQuery) expected.client_id = CLIENT_ID;
        assert.deepEqual(decoded.query, expected);
        assert.equal(
          server.exchanges.length,
          before,
          "a URL builder sends nothing",
        );
        return;
      }

      const result = await invoke(...call.args, {});
      assert.equal(server.exchanges.length, before + 1, "one request");
      const exchange = server.exchanges.at(-1)!;
      assert.equal(exchange.operation, op.id);
      assert.deepEqual(exchange.problems, []);
      assert.deepEqual(exchange.query, call.query);
      if (op.body) assert.deepEqual(exchange.body, call.body);

      const answerSchema = successSchema(op);
      if (op.kind === "page") {
        const page = result as Page<unknown>;
        const answer = exchange.answer as Record<string, unknown>;
        const expected = camelize(spec, answerSchema, answer) as {
          data: unknown;
        };
        assert.deepEqual(page.data, expected.data);
        const meta = answer.list_metadata as Record<string, string | null>;
        assert.deepEqual(page.listMetadata, {
          before: meta.before ?? null,
          after: meta.after ?? null,
        });
      } else if (exchange.answer === undefined || op.result === undefined) {
        assert.equal(result, undefined);
      } else {
        assert.deepEqual(result, camelize(spec, answerSchema, exchange.answer));
      }
    });
  }
});

/** The schema of the JSON the operation answers with. */
function successSchema(op: Operation): Schema | undefined {
  const responses = op.source.op.responses ?? {};
  for (const code of Object.keys(responses).filter((c) => c.startsWith("2"))) {
    const schema = responses[code].content?.["application/json"]?.schema;
    if (schema && Object.keys(schema).length > 0) return schema;
  }
  return undefined;
}
