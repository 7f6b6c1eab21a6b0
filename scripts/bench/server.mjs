/**
 * The benchmark's HTTP server, run under Node in its own process so that
 * its CPU time never counts against a contender. Every answer is built
 * once at start and served from memory over keep-alive connections:
 *
 * - `GET /organizations/{id}`: one fixed organization;
 * - `GET /organizations?limit=100&after=...`: pages of a list of `total`
 *   organizations (argument 1, default 100000), walked by `after` cursor;
 * - `POST /organizations`: the fixed organization, for the create scripts.
 *
 * Requests without a bearer token get a 401, so a contender that forgot
 * its credentials fails loudly instead of measuring nothing.
 *
 * It prints `{"port":N}` on its first line once it listens on 127.0.0.1,
 * and exits when its standard input closes.
 *
 * Usage: `node scripts/bench/server.mjs [total]`
 *
 * @module
 */

import { createServer } from "node:http";
import process from "node:process";

const PAGE_SIZE = 100;
const total = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(total) || total < PAGE_SIZE || total % PAGE_SIZE) {
  throw new RangeError(
    `Cannot start the server as 'total' must be a multiple of ${PAGE_SIZE}: received ${
      process.argv[2]
    }`,
  );
}

/** An organization as the API sends it, with one verified domain. */
function organization(index) {
  const id = `org_01H${String(index).padStart(23, "0")}`;
  return {
    object: "organization",
    id,
    name: `Foo Corp ${index}`,
    allow_profiles_outside_organization: false,
    domains: [{
      object: "organization_domain",
      id: `org_domain_01H${String(index).padStart(16, "0")}`,
      organization_id: id,
      domain: `foo-corp-${index}.com`,
      state: "verified",
      verification_strategy: "dns",
      verification_token: "m5Oztg3jdK4NJLgs8uIlIprMw",
      created_at: "2024-01-15T12:00:00.000Z",
      updated_at: "2024-01-15T12:00:00.000Z",
    }],
    metadata: { tier: "enterprise", region: "eu" },
    external_id: `ext-${index}`,
    stripe_customer_id: "cus_R9qWAGMQ6nGE7V",
    created_at: "2024-01-15T12:00:00.000Z",
    updated_at: "2024-02-01T08:30:00.000Z",
  };
}

const ONE = Buffer.from(JSON.stringify(organization(0)));

// Page i holds items [100 i, 100 i + 100). Its `after` cursor is the id of
// its last item; `cursorToPage` maps that cursor to the page that follows.
const pages = [];
const cursorToPage = new Map();
for (let start = 0; start < total; start += PAGE_SIZE) {
  const data = [];
  for (let i = start; i < start + PAGE_SIZE; i++) data.push(organization(i));
  const last = start + PAGE_SIZE >= total;
  const after = last ? null : data[PAGE_SIZE - 1].id;
  const body = {
    object: "list",
    data,
    list_metadata: { before: start === 0 ? null : data[0].id, after },
  };
  pages.push(Buffer.from(JSON.stringify(body)));
  if (after !== null) cursorToPage.set(after, pages.length);
}

function send(res, status, body) {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": body.length,
    "x-request-id": "req_bench",
  });
  res.end(body);
}

const NOT_FOUND = Buffer.from('{"message":"Not found"}');
const UNAUTHORIZED = Buffer.from('{"message":"Unauthorized"}');

const server = createServer({ keepAlive: true }, (req, res) => {
  const auth = req.headers.authorization;
  if (auth === undefined || !auth.startsWith("Bearer ")) {
    return send(res, 401, UNAUTHORIZED);
  }
  const url = req.url;
  if (req.method === "POST" && url === "/organizations") {
    // Drain the body before answering, as a real server would.
    req.resume();
    req.on("end", () => send(res, 201, ONE));
    return;
  }
  if (req.method !== "GET") return send(res, 404, NOT_FOUND);
  if (url.startsWith("/organizations?") || url === "/organizations") {
    const query = new URLSearchParams(url.slice(url.indexOf("?") + 1));
    const after = query.get("after");
    const page = after === null || after === "" ? 0 : cursorToPage.get(after);
    if (page === undefined || query.get("limit") !== String(PAGE_SIZE)) {
      return send(res, 404, NOT_FOUND);
    }
    return send(res, 200, pages[page]);
  }
  if (url.startsWith("/organizations/")) return send(res, 200, ONE);
  send(res, 404, NOT_FOUND);
});
// Concurrent clients open one socket per in-flight call; keep them all.
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.maxRequestsPerSocket = 0;

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
