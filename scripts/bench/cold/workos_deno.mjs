// Cold start of this SDK's source under Deno: import it, build a client.
import { WorkOSClient } from "../../../mod.ts";

new WorkOSClient({ authorizationToken: "sk_test_bench" });
