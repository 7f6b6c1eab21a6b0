// Cold start of this SDK's npm build: import the package, build a client.
// The name sits in a variable, as in official.mjs: `deno check scripts/`
// cannot resolve the packed npm build, which only Node loads.
const PACKAGE = "workos";
const { WorkOSClient } = await import(PACKAGE);

new WorkOSClient({ authorizationToken: "sk_test_bench" });
