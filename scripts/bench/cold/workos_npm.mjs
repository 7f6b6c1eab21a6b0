// Cold start of this SDK's npm build: import the package, build a client.
import { WorkOSClient } from "workos";

new WorkOSClient({ authorizationToken: "sk_test_bench" });
