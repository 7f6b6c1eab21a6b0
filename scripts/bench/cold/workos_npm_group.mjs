// Cold start of one resource group of this SDK's npm build, the way a
// process that needs only organizations can load it: the group's subpath,
// which also exports CoreClient, without the WorkOSClient facade.
// Imported through a name in a variable, as in workos_npm.mjs.
const PACKAGE = "workos/organizations";
const { CoreClient, Organizations } = await import(PACKAGE);

new Organizations(new CoreClient({ authorizationToken: "sk_test_bench" }));
