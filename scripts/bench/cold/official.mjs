// Cold start of @workos-inc/node: import the package, build a client.
// Imported as cold/workos_npm.mjs imports this SDK, so both pay the same.
const PACKAGE = "@workos-inc/node";
const { WorkOS } = await import(PACKAGE);

new WorkOS("sk_test_bench");
