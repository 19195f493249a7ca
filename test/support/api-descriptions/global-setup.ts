import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import type { Exercised, FileReport } from "./record.ts";

/** Collects what every test file exercised and prints one summary when the run ends. */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "octolink-api-descriptions-"));
  project.provide("apiDescriptionsDir", dir);
  return () => {
    const merged: Exercised = {};
    const cost = { files: 0, exchanges: 0, checkMs: 0 };
    for (const file of readdirSync(dir)) {
      const report = JSON.parse(readFileSync(join(dir, file), "utf8")) as FileReport;
      cost.files += 1;
      cost.exchanges += report.exchanges;
      cost.checkMs += report.checkMs;
      for (const [api, operations] of Object.entries(report.exercised)) {
        const into = (merged[api] ??= {});
        for (const [operation, times] of Object.entries(operations))
          into[operation] = (into[operation] ?? 0) + times;
      }
    }
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write(formatSummary(merged, cost));
  };
}

function formatSummary(
  merged: Exercised,
  cost: { files: number; exchanges: number; checkMs: number },
): string {
  const apis = Object.keys(merged).sort();
  if (apis.length === 0) return "";
  const lines = ["", "Stand-in traffic held to the vendors' API descriptions (operation: requests):"];
  for (const api of apis) {
    const operations = Object.entries(merged[api] ?? {}).sort(([a], [b]) => a.localeCompare(b));
    lines.push(`  ${api}: ${operations.length} operations`);
    for (const [operation, times] of operations) lines.push(`    ${operation}: ${times}`);
  }
  lines.push(
    `  Checking cost ${Math.round(cost.checkMs)} ms for ${cost.exchanges} stand-in exchanges in ${cost.files} test files` +
      ` (descriptions loaded and validators compiled once per file, on first use).`,
  );
  return `${lines.join("\n")}\n\n`;
}
