/**
 * Prints the figures of the reliability suite (`tests/reliability/`) as a
 * table, and fails unless every check held and nothing was lost,
 * duplicated or leaked.
 *
 * ```sh
 * deno task test:reliability
 * ```
 *
 * runs `--clear`, then the suite, then this script. Each test file writes
 * its figures to `.reliability/<file>.json`; a test file that wrote none
 * did not run, which fails the summary too.
 *
 * @module
 */

import type {
  Category,
  Count,
  FileFigures,
} from "../tests/reliability/_tally.ts";

const ROOT = new URL("../", import.meta.url);
const FIGURES_DIR = new URL(".reliability/", ROOT);
const SUITE_DIR = new URL("tests/reliability/", ROOT);

const ROWS: [Category, string][] = [
  ["scenarios", "Fault scenarios over real sockets"],
  ["badArguments", "Bad arguments refused before any request"],
  ["hostileIds", "Hostile ids encoded or refused, no other endpoint"],
  ["invalidOptions", "Invalid options refused, naming the option"],
  ["propertyRuns", "Property runs (mappers, encoding, signatures)"],
  ["secretSinks", "Secret sinks searched, no secret found"],
];

/** The figures of every file, added up. */
export interface Summary {
  counts: Record<Category, Count>;
  objects: { checked: number; lost: number; duplicated: number };
  failedScenarios: string[];
  notes: string[];
}

/**
 * Adds up the figures of several test files.
 *
 * @param files The figures each file wrote.
 * @returns The totals.
 */
export function summarize(files: readonly FileFigures[]): Summary {
  const counts = Object.fromEntries(
    ROWS.map(([category]) => [category, { tried: 0, held: 0 }]),
  ) as Record<Category, Count>;
  const objects = { checked: 0, lost: 0, duplicated: 0 };
  const failedScenarios: string[] = [];
  const notes: string[] = [];
  for (const figures of files) {
    for (const [category, count] of Object.entries(figures.counts)) {
      const total = counts[category as Category] ??= { tried: 0, held: 0 };
      total.tried += count.tried;
      total.held += count.held;
    }
    objects.checked += figures.objects.checked;
    objects.lost += figures.objects.lost;
    objects.duplicated += figures.objects.duplicated;
    for (const scenario of figures.scenarios) {
      if (!scenario.held) failedScenarios.push(scenario.name);
    }
    notes.push(...figures.notes);
  }
  return { counts, objects, failedScenarios, notes };
}

/**
 * Renders the totals as a Markdown table, with the outcome rows last.
 *
 * @param summary The totals.
 * @returns The table, one line per row.
 */
export function renderTable(summary: Summary): string[] {
  const leaked = summary.counts.secretSinks.tried -
    summary.counts.secretSinks.held;
  const rows: [string, string, string][] = [
    ...ROWS.map(([category, label]): [string, string, string] => [
      label,
      String(summary.counts[category].tried),
      String(summary.counts[category].held),
    ]),
    [
      "Objects checked for exactly-once",
      String(summary.objects.checked),
      String(
        summary.objects.checked - summary.objects.lost -
          summary.objects.duplicated,
      ),
    ],
    ["**Objects lost**", "", `**${summary.objects.lost}**`],
    ["**Objects duplicated**", "", `**${summary.objects.duplicated}**`],
    ["**Secrets leaked**", "", `**${leaked}**`],
  ];
  const header: [string, string, string] = ["Check", "Tried", "Held"];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i].length))
  );
  const line = (cells: string[]) =>
    `| ${
      cells.map((cell, i) =>
        i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])
      ).join(" | ")
    } |`;
  return [
    line(header),
    `| ${"-".repeat(widths[0])} | ${"-".repeat(widths[1] - 1)}: | ${
      "-".repeat(widths[2] - 1)
    }: |`,
    ...rows.map(line),
  ];
}

/**
 * Why the run fails, if it does.
 *
 * @param summary The totals.
 * @param missing Test files that wrote no figures.
 * @returns One line per problem; empty when the run holds.
 */
export function problemsOf(summary: Summary, missing: string[]): string[] {
  const problems: string[] = [];
  for (const file of missing) {
    problems.push(`${file} recorded no figures: did it run?`);
  }
  for (const [category, label] of ROWS) {
    const { tried, held } = summary.counts[category];
    if (held < tried) problems.push(`${label}: ${tried - held} did not hold`);
    if (tried === 0) problems.push(`${label}: nothing was tried`);
  }
  for (const name of summary.failedScenarios) {
    problems.push(`Scenario failed: ${name}`);
  }
  if (summary.objects.lost > 0) {
    problems.push(`Objects lost: ${summary.objects.lost}`);
  }
  if (summary.objects.duplicated > 0) {
    problems.push(`Objects duplicated: ${summary.objects.duplicated}`);
  }
  return problems;
}

async function readFigures(): Promise<
  { files: FileFigures[]; missing: string[] }
> {
  const suite: string[] = [];
  for await (const entry of Deno.readDir(SUITE_DIR)) {
    if (entry.isFile && entry.name.endsWith("_test.ts")) suite.push(entry.name);
  }
  const files: FileFigures[] = [];
  const missing: string[] = [];
  for (const name of suite.sort()) {
    const path = new URL(name.replace(/\.ts$/, ".json"), FIGURES_DIR);
    try {
      files.push(JSON.parse(await Deno.readTextFile(path)));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      missing.push(name);
    }
  }
  return { files, missing };
}

async function main(args: string[]): Promise<number> {
  if (args.includes("--clear")) {
    await Deno.remove(FIGURES_DIR, { recursive: true }).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
    return 0;
  }

  const { files, missing } = await readFigures();
  const summary = summarize(files);
  console.log("\nReliability summary\n");
  for (const line of renderTable(summary)) console.log(line);
  if (summary.notes.length > 0) console.log("");
  for (const note of summary.notes) console.log(`- ${note}`);

  const problems = problemsOf(summary, missing);
  if (problems.length > 0) {
    console.error("\nThe reliability suite does not hold:");
    for (const problem of problems) console.error(`- ${problem}`);
    return 1;
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
