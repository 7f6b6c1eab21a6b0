// Cold start of one resource group of this SDK's source under Deno: the
// group's module, which also exports CoreClient, without the facade.
import {
  CoreClient,
  Organizations,
} from "../../../src/resources/organizations.ts";

new Organizations(new CoreClient({ authorizationToken: "sk_test_bench" }));
