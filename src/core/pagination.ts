/**
 * Cursor pagination: a page of results, and the promise list methods
 * return, which is also an async iterable over every item of every page.
 *
 * @module
 */

import { APIPromise, type WithRawResponse } from "./api_promise.ts";
import { WorkOSError } from "./errors.ts";

/** The cursors of a page, as the API sends them in `list_metadata`. */
export interface ListMetadata {
  /** The cursor of the page before this one, or `null` at the start. */
  before: string | null;
  /** The cursor of the page after this one, or `null` at the end. */
  after: string | null;
}

/** Fetches the page at a cursor; the client builds these. */
export type PageFetcher<T> = (
  cursor: { before?: string; after?: string },
) => APIPromise<Page<T>>;

/**
 * One page of a list, with the means to walk to the next.
 *
 * @example Walk pages by hand
 * ```ts
 * import { WorkOSClient } from "@workos/workos";
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * const fake = await startFakeWorkOS();
 * const workos = new WorkOSClient({
 *   authorizationToken: fake.apiKey,
 *   baseUrl: fake.url,
 * });
 * let page = await workos.organizations.list({ limit: 10 });
 * console.log(page.data.length);
 * while (page.hasNextPage()) page = await page.getNextPage();
 * await fake.close();
 * ```
 */
export class Page<T> implements AsyncIterable<T> {
  /** The items of this page. */
  readonly data: T[];
  /** The cursors of this page. */
  readonly listMetadata: ListMetadata;
  #fetchPage: PageFetcher<T>;
  #direction: "after" | "before";
  #cursor: string | undefined;

  /**
   * Builds a page; the client does this.
   *
   * @param data The items.
   * @param listMetadata The cursors the API sent.
   * @param fetchPage Fetches another page of the same list.
   * @param direction The cursor the walk follows.
   * @param cursor The cursor this page was fetched with, if any.
   */
  constructor(
    data: T[],
    listMetadata: ListMetadata,
    fetchPage: PageFetcher<T>,
    direction: "after" | "before",
    cursor: string | undefined,
  ) {
    this.data = data;
    this.listMetadata = listMetadata;
    this.#fetchPage = fetchPage;
    this.#direction = direction;
    this.#cursor = cursor;
  }

  /**
   * Whether another page follows in the direction of the walk.
   *
   * @returns `true` when {@link Page.getNextPage} has a page to fetch.
   */
  hasNextPage(): boolean {
    const next = this.listMetadata[this.#direction];
    return typeof next === "string" && next !== "" && this.data.length > 0;
  }

  /**
   * Fetches the next page with the same parameters and request options.
   *
   * @returns A promise of the next page.
   * @throws {RangeError} When there is no next page.
   * @throws {WorkOSError} When the API sends back the cursor it was given,
   * which would repeat the walk forever.
   */
  getNextPage(): APIPromise<Page<T>> {
    const next = this.listMetadata[this.#direction];
    if (!this.hasNextPage() || next === null) {
      throw new RangeError(
        "Cannot fetch the next page as this is the last one: check hasNextPage() first",
      );
    }
    if (next === this.#cursor) {
      throw new WorkOSError(
        `Cannot fetch the next page as the API returned the cursor it was given: ${
          JSON.stringify(next)
        }`,
      );
    }
    return this.#fetchPage({ [this.#direction]: next });
  }

  /**
   * Yields every item of this page and of the pages after it, fetching
   * each page only when the previous one is used up.
   *
   * @returns An iterator over the items.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return new ItemIterator<T>(Promise.resolve(this));
  }
}

/**
 * The iterator behind `for await` over a list. Written by hand rather than
 * as an async generator: a generator adds two microtask turns per item,
 * and delegating through a second one (as `PagePromise` would) two more,
 * which cost more than mapping the item (`deno task bench`, iterating
 * 100,000 organizations).
 */
class ItemIterator<T> implements AsyncIterator<T> {
  #page: Page<T> | undefined;
  #pending: PromiseLike<Page<T>> | undefined;
  #index = 0;
  #done = false;
  #advancing: Promise<IteratorResult<T>> | undefined;

  constructor(first: PromiseLike<Page<T>>) {
    this.#pending = first;
  }

  next(): Promise<IteratorResult<T>> {
    // Calls made while a page is on its way wait for it, in order, as an
    // async generator's would.
    if (this.#advancing !== undefined) {
      return this.#advancing.then(() => this.next());
    }
    const page = this.#page;
    if (page !== undefined && this.#index < page.data.length) {
      return Promise.resolve({ done: false, value: page.data[this.#index++] });
    }
    const advancing = this.#advance();
    this.#advancing = advancing;
    const settle = () => {
      if (this.#advancing === advancing) this.#advancing = undefined;
    };
    advancing.then(settle, settle);
    return advancing;
  }

  return(): Promise<IteratorResult<T>> {
    this.#finish();
    return Promise.resolve({ done: true, value: undefined });
  }

  async #advance(): Promise<IteratorResult<T>> {
    while (!this.#done) {
      const page = this.#page;
      if (page !== undefined && this.#index < page.data.length) {
        return { done: false, value: page.data[this.#index++] };
      }
      if (this.#pending === undefined) {
        if (page === undefined || !page.hasNextPage()) break;
        this.#pending = page.getNextPage();
      }
      try {
        this.#page = await this.#pending;
      } catch (error) {
        this.#finish();
        throw error;
      }
      this.#pending = undefined;
      this.#index = 0;
    }
    this.#finish();
    return { done: true, value: undefined };
  }

  #finish(): void {
    this.#done = true;
    this.#page = undefined;
    this.#pending = undefined;
  }
}

/**
 * What a list method returns: a promise of the first page that is also an
 * async iterable over every item of every page.
 *
 * @example Iterate every organization
 * ```ts
 * import { WorkOSClient } from "@workos/workos";
 * import { startFakeWorkOS } from "@workos/workos/testing";
 *
 * const fake = await startFakeWorkOS();
 * const workos = new WorkOSClient({
 *   authorizationToken: fake.apiKey,
 *   baseUrl: fake.url,
 * });
 * for await (const org of workos.organizations.list()) console.log(org.id);
 * const firstFifty = await workos.organizations.list().toArray(50);
 * console.log(firstFifty.length);
 * await fake.close();
 * ```
 */
export class PagePromise<T> extends APIPromise<Page<T>>
  implements AsyncIterable<T> {
  /**
   * Wraps the promise of the first page; the client builds these.
   *
   * @param raw A promise of the first page and its answer.
   */
  constructor(raw: Promise<WithRawResponse<Page<T>>>) {
    super(raw);
  }

  /**
   * Yields every item across pages, fetching lazily: leaving the loop
   * early fetches no further page.
   *
   * @returns An iterator over the items.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return new ItemIterator<T>(this);
  }

  /**
   * Collects items across pages into an array.
   *
   * @param limit The most items to collect; all of them when absent.
   * @returns A promise of at most `limit` items.
   * @throws {RangeError} When `limit` is not a whole number of at least 0.
   */
  async toArray(limit: number = Infinity): Promise<T[]> {
    if (
      limit !== Infinity && (!Number.isInteger(limit) || limit < 0)
    ) {
      throw new RangeError(
        `Cannot collect items as 'limit' must be a whole number of at least 0: received ${limit}`,
      );
    }
    const items: T[] = [];
    if (limit === 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }
}
