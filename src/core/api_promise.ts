/**
 * The promise every method returns, with access to the raw answer.
 *
 * @module
 */

/** What the client saw of the HTTP answer that produced a result. */
export interface RawResponse {
  /** The HTTP status. */
  statusCode: number;
  /** The response headers. */
  headers: Headers;
  /** The `X-Request-ID` header, if the API sent one. */
  requestId: string | undefined;
  /** The URL of the final attempt. */
  url: string;
}

/** A result together with the answer it came from. */
export interface WithRawResponse<T> {
  /** The mapped result, as the promise itself resolves. */
  data: T;
  /** Status, headers and request id of the answer. */
  rawResponse: RawResponse;
}

/**
 * A promise of a method's result that can also give the raw answer.
 * The request is sent when the method is called, as with any promise.
 *
 * @example Read the request id of a call
 * ```ts
 * import { WorkOSClient } from "@workos/workos";
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * const fake = await startFakeWorkOS();
 * const workos = new WorkOSClient({
 *   authorizationToken: fake.apiKey,
 *   baseUrl: fake.url,
 * });
 * const { data, rawResponse } = await workos.organizations
 *   .create({ name: "Foo Corp" })
 *   .withRawResponse();
 * console.log(data.id, rawResponse.statusCode, rawResponse.requestId);
 * await fake.close();
 * ```
 */
export class APIPromise<T> implements Promise<T> {
  #raw: Promise<WithRawResponse<T>>;
  #data: Promise<T> | undefined;

  /**
   * Wraps the pipeline's promise; the client builds these.
   *
   * @param raw A promise of the result and its answer.
   */
  constructor(raw: Promise<WithRawResponse<T>>) {
    this.#raw = raw;
  }

  /**
   * Resolves to the result together with status, headers and request id.
   *
   * @returns A promise of `{ data, rawResponse }`.
   */
  withRawResponse(): Promise<WithRawResponse<T>> {
    return this.#raw;
  }

  /**
   * Attaches callbacks for the result or the error, as `Promise.then` does.
   *
   * @param onfulfilled Called with the result.
   * @param onrejected Called with the error.
   * @returns A promise of what the callback returns.
   */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result().then(onfulfilled, onrejected);
  }

  /**
   * Attaches a callback for the error, as `Promise.catch` does.
   *
   * @param onrejected Called with the error.
   * @returns A promise of the result or of what the callback returns.
   */
  catch<R = never>(
    onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<T | R> {
    return this.#result().catch(onrejected);
  }

  /**
   * Attaches a callback run on settling, as `Promise.finally` does.
   *
   * @param onfinally Called once the call settles.
   * @returns A promise settled as this one.
   */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#result().finally(onfinally);
  }

  /** The tag `Object.prototype.toString` reports. */
  get [Symbol.toStringTag](): string {
    return "APIPromise";
  }

  #result(): Promise<T> {
    this.#data ??= this.#raw.then((raw) => raw.data);
    return this.#data;
  }
}
