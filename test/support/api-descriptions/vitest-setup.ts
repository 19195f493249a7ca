import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, inject } from "vitest";
import { assertNoViolations, takeReport } from "./record.ts";

// Every test file: a request or response of a stand-in that departs from the vendor's
// description fails the test during which it happened (or the file, from its hooks).
afterEach(() => assertNoViolations("during this test"));

// Registered before the file's own hooks, so it runs after them (the stand-ins' close included).
afterAll(() => {
  const report = takeReport();
  const dir = inject("apiDescriptionsDir");
  if (dir && Object.keys(report.exercised).length > 0) {
    writeFileSync(join(dir, `${randomUUID()}.json`), JSON.stringify(report));
  }
  assertNoViolations("in this file's hooks");
});

declare module "vitest" {
  export interface ProvidedContext {
    /** Where each test file writes the operations it exercised, for the run's summary. */
    apiDescriptionsDir: string;
  }
}
