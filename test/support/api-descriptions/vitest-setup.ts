import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, inject } from "vitest";
import { takeExercised, takeViolations } from "./record.ts";
import { formatViolation } from "./violations.ts";

// Every test file: a request or response of a stand-in that departs from the vendor's
// description fails the test during which it happened (or the file, from its hooks).
afterEach(() => failOnViolations("during this test"));

// Registered before the file's own hooks, so it runs after them (the stand-ins' close included).
afterAll(() => {
  const exercised = takeExercised();
  const dir = inject("apiDescriptionsDir");
  if (dir && Object.keys(exercised).length > 0) {
    writeFileSync(join(dir, `${randomUUID()}.json`), JSON.stringify(exercised));
  }
  failOnViolations("in this file's hooks");
});

function failOnViolations(when: string): void {
  const violations = takeViolations();
  if (violations.length === 0) return;
  const lines = violations.map((v) => `  - ${formatViolation(v)}`);
  throw new Error(
    `The stand-ins departed from the vendors' API descriptions ${when}:\n${lines.join("\n")}\n` +
      "Fix the stand-in where it deviates from the vendor, the product where it sends what the vendor refuses.",
  );
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Where each test file writes the operations it exercised, for the run's summary. */
    apiDescriptionsDir: string;
  }
}
