/**
 * The figures a reliability test file records as it runs. `deno test` runs
 * each file in its own module scope, so each file writes its own JSON file
 * under `.reliability/`, rewritten at every record so that a crash keeps
 * what was counted; `scripts/reliability_summary.ts` adds them up.
 *
 * @module
 */

/** What is counted: each check is tried, and holds or not. */
export type Category =
  | "scenarios"
  | "badArguments"
  | "hostileIds"
  | "invalidOptions"
  | "propertyRuns"
  | "secretSinks";

/** A tried/held pair. */
export interface Count {
  tried: number;
  held: number;
}

/** The JSON one test file writes. */
export interface FileFigures {
  file: string;
  counts: Partial<Record<Category, Count>>;
  objects: { checked: number; lost: number; duplicated: number };
  /** The names of the fault scenarios, with whether each held. */
  scenarios: { name: string; held: boolean }[];
  /** Short facts worth printing under the table, such as heap figures. */
  notes: string[];
}

/** Where the figures go, relative to the repository root. */
export const FIGURES_DIR = new URL("../../.reliability/", import.meta.url);

/** Records the figures of one test file. */
export class Tally {
  #path: URL;
  #figures: FileFigures;

  /**
   * @param moduleUrl The test file's `import.meta.url`.
   */
  constructor(moduleUrl: string) {
    const file = new URL(moduleUrl).pathname.split("/").pop() ?? "unknown";
    this.#path = new URL(file.replace(/\.ts$/, ".json"), FIGURES_DIR);
    this.#figures = {
      file,
      counts: {},
      objects: { checked: 0, lost: 0, duplicated: 0 },
      scenarios: [],
      notes: [],
    };
    this.#write();
  }

  /** Counts `tried` checks of a category, of which `held` held. */
  count(category: Category, tried: number, held: number): void {
    const count = this.#figures.counts[category] ??= { tried: 0, held: 0 };
    count.tried += tried;
    count.held += held;
    this.#write();
  }

  /** Counts one check of a category. */
  check(category: Category, held: boolean): void {
    this.count(category, 1, held ? 1 : 0);
  }

  /**
   * Counts objects whose fate was checked: how many should exist exactly
   * once, how many of those were missing and how many were there twice
   * or more.
   */
  objects(checked: number, lost: number, duplicated: number): void {
    this.#figures.objects.checked += checked;
    this.#figures.objects.lost += lost;
    this.#figures.objects.duplicated += duplicated;
    this.#write();
  }

  /** Adds a line printed under the summary table. */
  note(line: string): void {
    this.#figures.notes.push(line);
    this.#write();
  }

  /**
   * Runs a fault scenario and counts it as held when it completes without
   * a failed assertion; the failure is rethrown for the test runner.
   */
  async scenario(name: string, run: () => Promise<void>): Promise<void> {
    let held = false;
    try {
      await run();
      held = true;
    } finally {
      this.#figures.scenarios.push({ name, held });
      this.count("scenarios", 1, held ? 1 : 0);
    }
  }

  #write(): void {
    Deno.mkdirSync(FIGURES_DIR, { recursive: true });
    Deno.writeTextFileSync(
      this.#path,
      JSON.stringify(this.#figures, null, 2) + "\n",
    );
  }
}

/**
 * Counts the objects lost and duplicated: each expected key should occur
 * exactly once among the actual ones.
 *
 * @param expected The keys that must each be present once.
 * @param actual The keys found, with repeats.
 * @param mayExist Keys that may be present at most once, but need not be
 * (a create whose outcome the caller never learnt).
 */
export function fateOf(
  expected: Iterable<string>,
  actual: Iterable<string>,
  mayExist: Iterable<string> = [],
): { checked: number; lost: number; duplicated: number } {
  const seen = new Map<string, number>();
  for (const key of actual) seen.set(key, (seen.get(key) ?? 0) + 1);
  let checked = 0;
  let lost = 0;
  let duplicated = 0;
  for (const key of expected) {
    checked++;
    const times = seen.get(key) ?? 0;
    if (times === 0) lost++;
    if (times > 1) duplicated++;
  }
  for (const key of mayExist) {
    checked++;
    if ((seen.get(key) ?? 0) > 1) duplicated++;
  }
  return { checked, lost, duplicated };
}
