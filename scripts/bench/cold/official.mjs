// Cold start of @workos-inc/node: import the package, build a client.
import { WorkOS } from "@workos-inc/node";

new WorkOS("sk_test_bench");
