/**
 * Run by the secrets test in a process of its own: the clients log to the
 * real console at every level (no logger given), and every exhibit is
 * printed with console.log, console.error and friends. The test searches
 * what this process wrote.
 */

import { produceExhibits } from "./_secret_objects.ts";

// The console is the logger here: the pipeline's default sink.
const { exhibits } = await produceExhibits(console);
for (const { label, value } of exhibits) {
  console.log(`--- ${label}`);
  console.log(value);
  console.error(value);
  console.info("%o", value);
  console.warn("%s", value);
  console.dir(value, { depth: 10, showHidden: true });
  console.table(value !== null && typeof value === "object" ? value : [value]);
}
console.log(`--- printed ${exhibits.length} exhibits`);
