/**
 * A tiny stand-in for the local WorkOS fake (src/testing) until it lands:
 * organizations create, get and list, and injected faults.
 *
 * @module
 */

/** A fault for the next matching requests. */
export interface FaultSpec {
  method?: string;
  path: string;
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** The running stand-in. */
export interface FakeWorkOS {
  url: string;
  apiKey: string;
  injectFault(spec: FaultSpec): void;
  seedOrganizations(n: number): Array<{ id: string; name: string }>;
  close(): Promise<void>;
}

/** Starts the stand-in on 127.0.0.1 at a free port. */
export function startFakeWorkOS(): Promise<FakeWorkOS> {
  const apiKey = "sk_test_stand_in";
  const orgs: Array<{ object: string; id: string; name: string }> = [];
  const faults: Array<FaultSpec & { remaining: number }> = [];
  let next = 1;
  const add = (name: string) => {
    const org = {
      object: "organization",
      id: `org_${String(next++).padStart(6, "0")}`,
      name,
    };
    orgs.push(org);
    return org;
  };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const url = new URL(request.url);
      const fault = faults.find((f) =>
        f.remaining > 0 && f.path === url.pathname &&
        (f.method ?? request.method) === request.method
      );
      if (fault) {
        fault.remaining--;
        if (fault.delayMs) {
          await new Promise((r) => setTimeout(r, fault.delayMs));
        }
        if (fault.status) {
          return Response.json({ message: "Injected" }, {
            status: fault.status,
            headers: fault.headers,
          });
        }
      }
      if (request.headers.get("authorization") !== `Bearer ${apiKey}`) {
        return Response.json({ message: "Unauthorized" }, { status: 401 });
      }
      if (url.pathname === "/organizations" && request.method === "POST") {
        const body = await request.json();
        return Response.json(add(body.name), { status: 201 });
      }
      if (url.pathname === "/organizations" && request.method === "GET") {
        const limit = Number(url.searchParams.get("limit") ?? 10);
        const after = url.searchParams.get("after");
        const start = after ? orgs.findIndex((o) => o.id === after) + 1 : 0;
        const data = orgs.slice(start, start + limit);
        const more = start + limit < orgs.length;
        return Response.json({
          object: "list",
          data,
          list_metadata: { before: null, after: more ? data.at(-1)?.id : null },
        });
      }
      const id = url.pathname.match(/^\/organizations\/([^/]+)$/)?.[1];
      const org = orgs.find((o) => o.id === id);
      if (org && request.method === "GET") return Response.json(org);
      return Response.json({ message: "Not found", code: "entity_not_found" }, {
        status: 404,
      });
    },
  );
  return Promise.resolve({
    url: `http://127.0.0.1:${server.addr.port}`,
    apiKey,
    injectFault: (spec) => faults.push({ ...spec, remaining: spec.times ?? 1 }),
    seedOrganizations: (n) =>
      Array.from({ length: n }, (_, i) => add(`Seeded ${i + 1}`)),
    close: () => server.shutdown(),
  });
}
