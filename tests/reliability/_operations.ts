/**
 * Every generated method, found by walking the client's resource tree,
 * beside what the generator's model says about its arguments.
 *
 * @module
 */

import { WorkOSClientBase } from "../../src/resources/client_base.ts";
import type { WorkOSClient } from "../../src/client.ts";
import { buildModel, type Operation } from "../../scripts/generator/model.ts";
import { sampleCall } from "../../scripts/generator/samples.ts";
import { loadSpec, type Spec } from "../../scripts/generator/spec.ts";

/** Where the generator reads the spec from, as the resource tests do. */
export const SPEC_PATH =
  new URL("../../../shared/openapi/workos-openapi.yaml", import.meta.url)
    .pathname;

/** The spec and the generator's plan of it. */
export async function loadOperations(): Promise<
  { spec: Spec; operations: Operation[] }
> {
  const spec = await loadSpec(SPEC_PATH);
  return { spec, operations: buildModel(spec).operations };
}

/** A method found on the client, bound to its group. */
export type BoundMethod = (...args: unknown[]) => unknown;

/**
 * Walks the generated groups of a client: every getter of the generated
 * base class is a group, and within a group every getter is a nested group
 * and every other function a method.
 *
 * @returns Each method by its full name, `userManagement.users.list`.
 */
export function walkMethods(client: WorkOSClient): Map<string, BoundMethod> {
  const methods = new Map<string, BoundMethod>();
  const visit = (target: object, path: string[], proto: object) => {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === "constructor") continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
      if (descriptor.get) {
        const child = (target as Record<string, object>)[name];
        visit(child, [...path, name], Object.getPrototypeOf(child));
      } else if (typeof descriptor.value === "function" && path.length > 0) {
        methods.set(
          [...path, name].join("."),
          (descriptor.value as BoundMethod).bind(target),
        );
      }
    }
  };
  // The base class is generated; CoreClient's own members are not.
  visit(client, [], WorkOSClientBase.prototype);
  return methods;
}

/** Where each kind of argument sits in a method's argument list. */
export interface ArgumentLayout {
  /** The index of the SSO access token, or -1. */
  token: number;
  /** The index of each path argument, in path order. */
  path: number[];
  /** The index of the params object, or -1. */
  params: number;
  /** How many arguments come before the request options. */
  count: number;
}

/**
 * The layout the generator gives a method: the access token, then the
 * path arguments, then params.
 *
 * @param op The operation.
 * @returns The index of each argument.
 */
export function layoutOf(op: Operation): ArgumentLayout {
  let next = 0;
  const token = op.auth === "token" ? next++ : -1;
  const path = op.pathArgs.map(() => next++);
  const params = op.paramsType ? next++ : -1;
  return { token, path, params, count: next };
}

/** The sample client credentials sample calls put in bodies. */
export const SAMPLE_CLIENT = {
  clientId: "client_01RELIABILITY",
  apiKey: "sk_test_reliability_samples",
};

/**
 * Valid arguments for a method, from the spec's examples.
 *
 * @param spec The spec.
 * @param op The operation.
 * @returns The arguments, without request options.
 */
export function sampleArgs(spec: Spec, op: Operation): unknown[] {
  return sampleCall(spec, op, SAMPLE_CLIENT).args;
}
