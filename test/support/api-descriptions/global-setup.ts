import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import type { Exercised } from "./record.ts";

/** Collects what every test file exercised and prints one summary when the run ends. */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "octolink-api-descriptions-"));
  project.provide("apiDescriptionsDir", dir);
  return () => {
    const merged: Exercised = {};
    for (const file of readdirSync(dir)) {
      const exercised = JSON.parse(readFileSync(join(dir, file), "utf8")) as Exercised;
      for (const [api, operations] of Object.entries(exercised)) {
        const into = (merged[api] ??= {});
        for (const [operation, times] of Object.entries(operations))
          into[operation] = (into[operation] ?? 0) + times;
      }
    }
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write(formatSummary(merged));
  };
}

function formatSummary(merged: Exercised): string {
  const apis = Object.keys(merged).sort();
  if (apis.length === 0) return "";
  const lines = ["", "Stand-in traffic held to the vendors' API descriptions (operation: requests):"];
  for (const api of apis) {
    const operations = Object.entries(merged[api] ?? {}).sort(([a], [b]) => a.localeCompare(b));
    lines.push(`  ${api}: ${operations.length} operations`);
    for (const [operation, times] of operations) lines.push(`    ${operation}: ${times}`);
  }
  return `${lines.join("\n")}\n\n`;
}
