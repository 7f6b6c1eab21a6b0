/**
 * Optional logging. The client is silent unless a level is set.
 *
 * @module
 */

import { describe } from "./options.ts";

/** The levels, lowest first; `"silent"` logs nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Where log lines go: the console, or any object with these methods. */
export interface Logger {
  /** Logs request and response details. */
  debug(message: string, ...details: unknown[]): void;
  /** Logs notable events. */
  info(message: string, ...details: unknown[]): void;
  /** Logs retries and recoverable problems. */
  warn(message: string, ...details: unknown[]): void;
  /** Logs failed calls. */
  error(message: string, ...details: unknown[]): void;
}

const LEVELS = ["debug", "info", "warn", "error"] as const;

const RANK: Record<LogLevel, number> = {
  debug: 0,
  info: 1,
  warn: 2,
  error: 3,
  silent: 4,
};

/** A logger that only passes lines at or above a level. */
export type LevelLogger = (
  level: Exclude<LogLevel, "silent">,
  message: string,
  details?: Record<string, unknown>,
) => void;

/**
 * Builds the function the pipeline logs through.
 *
 * @param logger The sink; the console when absent.
 * @param level The lowest level passed on.
 * @returns A function that drops lines below the level.
 * @throws {TypeError} When the logger lacks one of the level methods.
 * @throws {RangeError} When the level is not one of the known levels.
 */
export function levelLogger(
  logger: Logger | undefined,
  level: LogLevel = "silent",
): LevelLogger {
  if (
    logger !== undefined &&
    (logger === null ||
      (typeof logger !== "object" && typeof logger !== "function") ||
      LEVELS.some((name) => typeof logger[name] !== "function"))
  ) {
    throw new TypeError(
      `Cannot use 'logger' as it must be an object with debug, info, warn and error methods: received ${
        describe(logger)
      }`,
    );
  }
  // An own-key check, so that inherited names such as "toString" are not
  // taken for a level.
  if (typeof level !== "string" || !Object.hasOwn(RANK, level)) {
    throw new RangeError(
      `Cannot use 'logLevel' as it must be one of ${
        Object.keys(RANK).join(", ")
      }: received ${describe(level)}`,
    );
  }
  const threshold = RANK[level];
  if (threshold === RANK.silent) return () => {};
  const sink = logger ?? console;
  return (lineLevel, message, details) => {
    if (RANK[lineLevel] < threshold) return;
    if (details === undefined) sink[lineLevel](message);
    else sink[lineLevel](message, details);
  };
}
