// The whole main entry point of this SDK.
export * from "workos";
