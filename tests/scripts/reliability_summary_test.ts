import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  problemsOf,
  renderTable,
  summarize,
} from "../../scripts/reliability_summary.ts";
import type { FileFigures } from "../reliability/_tally.ts";

function figures(overrides: Partial<FileFigures> = {}): FileFigures {
  return {
    file: "a_test.ts",
    counts: {
      scenarios: { tried: 2, held: 2 },
      badArguments: { tried: 5, held: 5 },
      hostileIds: { tried: 3, held: 3 },
      invalidOptions: { tried: 4, held: 4 },
      propertyRuns: { tried: 100, held: 100 },
      secretSinks: { tried: 7, held: 7 },
    },
    objects: { checked: 10, lost: 0, duplicated: 0 },
    scenarios: [{ name: "s1", held: true }, { name: "s2", held: true }],
    notes: [],
    ...overrides,
  };
}

describe("the reliability summary", () => {
  it("adds up the files and holds when everything held", () => {
    const summary = summarize([
      figures(),
      figures({
        file: "b_test.ts",
        counts: { hostileIds: { tried: 2, held: 2 } },
      }),
    ]);
    assert.deepEqual(summary.counts.hostileIds, { tried: 5, held: 5 });
    assert.deepEqual(problemsOf(summary, []), []);
    const table = renderTable(summary).join("\n");
    assert.match(
      table,
      /\| Hostile ids encoded or refused, no other endpoint \| +5 \| +5 \|/,
    );
    assert.match(table, /\| \*\*Objects lost\*\* +\| +\| +\*\*0\*\* \|/);
  });

  it("fails on a lost or duplicated object, a leak, a failed scenario or a missing file", () => {
    const summary = summarize([
      figures({
        objects: { checked: 10, lost: 1, duplicated: 2 },
        scenarios: [{ name: "s1", held: false }],
      }),
      figures({
        file: "b_test.ts",
        counts: { secretSinks: { tried: 4, held: 3 } },
      }),
    ]);
    const problems = problemsOf(summary, ["c_test.ts"]);
    assert.deepEqual(problems, [
      "c_test.ts recorded no figures: did it run?",
      "Secret sinks searched, no secret found: 1 did not hold",
      "Scenario failed: s1",
      "Objects lost: 1",
      "Objects duplicated: 2",
    ]);
    assert.match(
      renderTable(summary).join("\n"),
      /\*\*Secrets leaked\*\* +\| +\| +\*\*1\*\*/,
    );
  });

  it("fails when a category tried nothing", () => {
    const summary = summarize([figures({ counts: {} })]);
    assert.equal(problemsOf(summary, []).length, 6);
  });
});
