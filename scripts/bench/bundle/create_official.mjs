// Creates one organization with @workos-inc/node.
import { WorkOS } from "@workos-inc/node";

const workos = new WorkOS(globalThis.process?.env.WORKOS_API_KEY);
console.log(
  await workos.organizations.createOrganization({ name: "Foo Corp" }),
);
