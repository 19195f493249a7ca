import { expect } from "vitest";
import type { FactsOutcome, RoleFact, RoleRuleKind } from "../../src/domain/index.ts";
import type { Harness } from "./harness.ts";
import { createMember, linkMember } from "./members.ts";

export const fact = (kind: RoleRuleKind, target: string | null = null): RoleFact => ({ kind, target });

/** Which of `facts` hold, as `kind target` → boolean, from an outcome that must be `checked`. */
export function holdings(outcome: FactsOutcome, facts: RoleFact[]): Record<string, boolean> {
  if (outcome.status !== "checked")
    throw new Error(`expected a checked outcome, got ${JSON.stringify(outcome)}`);
  return Object.fromEntries(facts.map((f) => [`${f.kind} ${f.target ?? ""}`.trim(), outcome.holds(f)]));
}

/** A member linked through /link and GitHub's consent page, as a member would. */
export async function linkedMember(h: Harness) {
  const member = createMember(h);
  const { res } = await linkMember(h, member);
  expect(res.status).toBe(200);
  return member;
}

/** The stand-in's log of requests to GitHub's API from index `from` on, as `status METHOD path`. */
export const apiCallsSince = (h: Harness, from: number): string[] =>
  h.github.requests
    .slice(from)
    .filter((r) => r.path.startsWith("/api/"))
    .map((r) => `${r.status}${r.conditional ? " (conditional)" : ""} ${r.method} ${r.path}`);
