// The whole main entry point of @workos-inc/node.
export * from "@workos-inc/node";
