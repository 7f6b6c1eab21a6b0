// Creates one organization with this SDK, importing only the
// organizations group and the core client.
import { CoreClient } from "workos";
import { Organizations } from "workos/organizations";

const organizations = new Organizations(new CoreClient());
console.log(await organizations.create({ name: "Foo Corp" }));
