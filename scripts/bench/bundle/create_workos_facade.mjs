// Creates one organization through the WorkOSClient facade, which reaches
// every resource group and helper.
import { WorkOSClient } from "workos";

const workos = new WorkOSClient();
console.log(await workos.organizations.create({ name: "Foo Corp" }));
