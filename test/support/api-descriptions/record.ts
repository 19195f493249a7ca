import { discordApi, githubApi } from "./apis.ts";
import { type CheckedApi, checkExchange, type Exchange } from "./check-exchange.ts";
import { type ExemptEndpoint, findExemptEndpoint } from "./exemptions.ts";
import { formatViolation, type Violation } from "./violations.ts";

export type StandIn = ExemptEndpoint["stand_in"];

/** An exchange as a stand-in saw it: the full path, before any API prefix is removed. */
export type StandInExchange = Exchange;

/** `api` → "operationId  METHOD template" → how many times this worker saw it. */
export type Exercised = Record<string, Record<string, number>>;

/** What one test file (one vitest worker) saw, for the run's summary. */
export interface FileReport {
  exercised: Exercised;
  /** Exchanges checked, and the time the checks took (loading and compiling included). */
  exchanges: number;
  checkMs: number;
}

// Per vitest worker: the setup file reads and clears these after each test and test file.
const violations: Violation[] = [];
let report: FileReport = { exercised: {}, exchanges: 0, checkMs: 0 };

/** Holds one stand-in exchange to the vendor's description; mismatches wait in `takeViolations`. */
export function checkStandInExchange(standIn: StandIn, exchange: StandInExchange): void {
  const started = performance.now();
  try {
    checkExchangeOf(standIn, exchange);
  } catch (error) {
    // A broken check (a description that will not load) must fail the run as loudly as a
    // mismatch, and never cost the stand-in its answer.
    violations.push({
      api: standIn,
      operation: `${exchange.method} ${exchange.path}`,
      side: "request",
      field: "",
      message: `could not be checked: ${(error as Error).message}`,
    });
  }
  report.exchanges += 1;
  report.checkMs += performance.now() - started;
}

function checkExchangeOf(standIn: StandIn, exchange: StandInExchange): void {
  const exempt = findExemptEndpoint(standIn, exchange.method, exchange.path);
  if (exempt)
    return countExercised(
      `${standIn === "github" ? "GitHub" : "Discord"}: not in the descriptions`,
      exempt.name,
    );
  const target = describedApi(standIn, exchange.path);
  if (typeof target === "string") {
    violations.push({
      api: standIn,
      operation: `${exchange.method} ${exchange.path}`,
      side: "request",
      field: "path",
      message: target,
    });
    return;
  }
  const result = checkExchange(target.api, { ...exchange, path: target.path });
  violations.push(...result.violations);
  if (result.operation) {
    countExercised(
      target.api.name,
      `${result.operation.id}  ${result.operation.method} ${result.operation.template}`,
    );
  }
}

export function recordViolation(violation: Violation): void {
  violations.push(violation);
}

function describedApi(standIn: StandIn, path: string): { api: CheckedApi; path: string } | string {
  if (standIn === "github") {
    const ghes = /^\/api\/v3(\/.*)?$/.exec(path);
    return ghes ? { api: githubApi("ghes"), path: ghes[1] ?? "/" } : { api: githubApi("dotcom"), path };
  }
  const discord = /^\/api(?:\/v\d+)?(\/.*)$/.exec(path);
  return discord?.[1] ? { api: discordApi(), path: discord[1] } : `${path} is not under Discord's /api`;
}

export function countExercised(api: string, operation: string): void {
  const operations = (report.exercised[api] ??= {});
  operations[operation] = (operations[operation] ?? 0) + 1;
}

/**
 * For a test that sends a stand-in what the vendor refuses on purpose (to see the stand-in
 * refuse it too): runs `send` and hands back the mismatches found meanwhile, instead of
 * failing the test with them. The test should assert they are the ones it meant.
 */
export async function provokeViolations(send: () => Promise<unknown>): Promise<Violation[]> {
  const before = violations.length;
  await send();
  return violations.splice(before);
}

/** The mismatches found so far, removed from the list (a test that provokes some takes them). */
export function takeViolations(): Violation[] {
  return violations.splice(0);
}

export function takeReport(): FileReport {
  const taken = report;
  report = { exercised: {}, exchanges: 0, checkMs: 0 };
  return taken;
}

/** Throws, listing every mismatch found since the last call: the setup file fails tests with it. */
export function assertNoViolations(when: string): void {
  const found = takeViolations();
  if (found.length === 0) return;
  const lines = found.map((v) => `  - ${formatViolation(v)}`);
  throw new Error(
    `The stand-ins departed from the vendors' API descriptions ${when}:\n${lines.join("\n")}\n` +
      "Fix the stand-in where it deviates from the vendor, the product where it sends what the vendor refuses.",
  );
}
