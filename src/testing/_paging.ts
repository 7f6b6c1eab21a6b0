/**
 * The API's cursor pagination over a collection whose ids sort by
 * creation.
 *
 * @module
 */

import { type Answer, invalid } from "./_answer.ts";
import type { WireList } from "./wire_types.ts";

/** The paging parameters of a list request, checked. */
export interface PageQuery {
  limit: number;
  order: "asc" | "desc";
  before?: string;
  after?: string;
}

/**
 * Reads and checks `limit`, `order`, `before` and `after` from a query.
 *
 * @param query The request's query.
 * @returns The paging parameters, or a 422 answer.
 */
export function readPageQuery(
  query: Record<string, string>,
): PageQuery | Answer {
  const limitText = query.limit ?? "10";
  const limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= 100)) {
    return invalid(
      `Invalid limit: expected an integer from 1 to 100, received ${limitText}`,
      [{ field: "limit", code: "limit_out_of_range" }],
    );
  }
  const order = query.order ?? "desc";
  if (order !== "asc" && order !== "desc" && order !== "normal") {
    return invalid(
      `Invalid order: expected asc, desc or normal, received ${order}`,
      [{ field: "order", code: "order_invalid" }],
    );
  }

  // Limitation: the API gives "normal" reversed cursor semantics; the fake
  // treats it as "desc", which is what clients send by default.
  return {
    limit,
    order: order === "asc" ? "asc" : "desc",
    before: query.before || undefined,
    after: query.after || undefined,
  };
}

/**
 * Cuts one page out of a collection.
 *
 * @param items Every matching item, in any order.
 * @param page The paging parameters.
 * @returns The page in the API's list shape.
 */
export function listPage<T extends { id: string }>(
  items: Iterable<T>,
  page: PageQuery,
): WireList<T> {
  const sorted = [...items].sort((a, b) => compare(a.id, b.id));
  if (page.order === "desc") sorted.reverse();

  // "Before"/"after" a cursor mean earlier/later in the listing order. The
  // cursor is compared by id rather than looked up, so the id of a
  // deleted object still works as a cursor.
  const follows = (id: string, cursor: string) =>
    page.order === "asc" ? compare(id, cursor) > 0 : compare(id, cursor) < 0;
  let start = 0;
  let end = sorted.length;
  if (page.after !== undefined) {
    const after = page.after;
    start = sorted.findIndex((item) => follows(item.id, after));
    if (start === -1) start = sorted.length;
  }
  if (page.before !== undefined) {
    const before = page.before;
    const index = sorted.findIndex((item) => !follows(before, item.id));
    end = Math.max(start, index === -1 ? sorted.length : index);
  }

  // Walking backwards takes the page next to the cursor, so that repeated
  // `before` calls visit every item once.
  if (page.before !== undefined) start = Math.max(start, end - page.limit);
  else end = Math.min(end, start + page.limit);
  const data = sorted.slice(start, end);
  return {
    object: "list",
    data,
    list_metadata: {
      before: data.length > 0 && start > 0 ? data[0].id : null,
      after: data.length > 0 && end < sorted.length
        ? data[data.length - 1].id
        : null,
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
