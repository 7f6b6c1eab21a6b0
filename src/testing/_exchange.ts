/**
 * One request and its answer on the socket, including the ways a fault
 * can spoil the answer.
 *
 * @module
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Answer } from "./_answer.ts";
import type { FaultSpec } from "./faults.ts";

/** Timers that `close()` must be able to clear, so none outlive the fake. */
export class Timers {
  #pending = new Set<ReturnType<typeof setTimeout>>();

  /**
   * Runs a function later.
   *
   * @param ms The delay in milliseconds.
   * @param run The function.
   * @returns A function that cancels the run.
   */
  later(ms: number, run: () => void): () => void {
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      run();
    }, ms);
    this.#pending.add(timer);
    return () => {
      clearTimeout(timer);
      this.#pending.delete(timer);
    };
  }

  /** Cancels every pending run. */
  clearAll(): void {
    for (const timer of this.#pending) clearTimeout(timer);
    this.#pending.clear();
  }
}

/** What the exchange reports back about the connection. */
export interface ExchangeRecord {
  closedEarly: boolean;
}

const encoder = new TextEncoder();

/**
 * Writes one answer, and notices when the client goes away first.
 */
export class Exchange {
  #req: IncomingMessage;
  #res: ServerResponse;
  #timers: Timers;
  #cancels = new Set<() => void>();
  #closed = false;
  #closedByServer = false;

  /**
   * @param req The request.
   * @param res Its response.
   * @param record The recorded request, whose `closedEarly` is set when
   * the client closes the connection before the answer is complete.
   * @param timers The fake's timers.
   */
  constructor(
    req: IncomingMessage,
    res: ServerResponse,
    record: ExchangeRecord,
    timers: Timers,
  ) {
    this.#req = req;
    this.#res = res;
    this.#timers = timers;
    res.on("close", () => {
      this.#closed = true;
      for (const cancel of this.#cancels) cancel();
      this.#cancels.clear();
      if (!res.writableFinished && !this.#closedByServer) {
        record.closedEarly = true;
      }
    });
  }

  /** Whether the connection closed, by either side. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Closes the connection without an answer.
   *
   * @param delayMs Milliseconds to wait first.
   */
  drop(delayMs = 0): void {
    if (delayMs > 0) return this.#later(delayMs, () => this.drop());
    this.#closedByServer = true;
    this.#req.socket.destroy();
  }

  /**
   * Sends an answer, spoiled as the fault says.
   *
   * @param answer The answer.
   * @param fault The fault that hit the request, if any.
   */
  send(answer: Answer, fault: FaultSpec | undefined): void {
    const write = () => {
      if (this.#closed) return;
      if (fault?.truncateBody) this.#sendTruncated(answer);
      else if (fault?.stallBodyMs !== undefined) {
        this.#sendStalled(answer, fault.stallBodyMs);
      } else {
        const body = encoder.encode(answer.body);
        this.#res.writeHead(answer.status, {
          ...answer.headers,
          "content-length": String(body.length),
        });
        this.#res.end(body);
      }
    };
    if (fault?.delayMs) this.#later(fault.delayMs, write);
    else write();
  }

  #sendTruncated(answer: Answer): void {
    // An empty body cannot be cut short, so a token one stands in for it.
    const body = encoder.encode(answer.body === "" ? "{}" : answer.body);
    this.#res.writeHead(answer.status, {
      ...answer.headers,
      "content-length": String(body.length),
    });
    this.#res.write(
      body.subarray(0, Math.floor(body.length / 2)),
      () => this.drop(),
    );
  }

  #sendStalled(answer: Answer, stallMs: number): void {
    const body = encoder.encode(answer.body);
    const half = Math.floor(body.length / 2);
    this.#res.writeHead(answer.status, {
      ...answer.headers,
      "content-length": String(body.length),
    });
    // The headers must reach the client now even when the first half is
    // empty, or the stall would look like a delay.
    this.#res.flushHeaders();
    if (half > 0) this.#res.write(body.subarray(0, half));
    this.#later(stallMs, () => {
      if (!this.#closed) this.#res.end(body.subarray(half));
    });
  }

  #later(ms: number, run: () => void): void {
    const cancel = this.#timers.later(ms, () => {
      this.#cancels.delete(cancel);
      run();
    });
    this.#cancels.add(cancel);
  }
}
