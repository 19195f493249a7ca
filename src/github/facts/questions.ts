import type { RoleFact } from "../../domain/index.ts";
import { hasMergedPullRequest } from "./contributor.ts";
import { isOrgMember } from "./org-membership.ts";
import type { FactsRequester } from "./requester.ts";
import { monthlySponsorship } from "./sponsorship.ts";
import { hasStarred } from "./stargazer.ts";
import { parseTarget } from "./targets.ts";
import { isTeamMember } from "./team-membership.ts";

/** GitHub's answer to one question: a yes or no, or (sponsor) the monthly dollars or null. */
export type FactAnswer = boolean | number | null;

/**
 * The question a fact asks of GitHub. Facts asking the same question share a key (GitHub
 * names are case-insensitive; `acme:5` and `acme:10` both ask what the member gives acme),
 * so one member's check asks each question once.
 */
export interface FactQuestion {
  key: string;
  ask(requester: FactsRequester, login: string): Promise<FactAnswer>;
}

/** The question behind a fact; null for `linked` (no question) or a target GitHub cannot name. */
export function questionOf(fact: RoleFact): FactQuestion | null {
  const target = parseTarget(fact);
  if (!target) return null;
  switch (target.kind) {
    case "org":
      return question(`org:${target.org}`, (r, login) => isOrgMember(r, target.org, login));
    case "team":
      return question(`team:${target.org}/${target.slug}`, (r, login) => isTeamMember(r, target, login));
    case "stargazer":
      return question(`stargazer:${target.owner}/${target.repo}`, (r) => hasStarred(r, target));
    case "contributor":
      return question(`contributor:${target.owner}/${target.repo}`, (r, login) =>
        hasMergedPullRequest(r, target, login),
      );
    case "sponsor":
      return question(`sponsor:${target.account}`, (r) => monthlySponsorship(r, target.account));
  }
}

/**
 * Whether a fact holds, given the answer to its question. `linked` holds unless GitHub said
 * the token is not accepted (any other answer at all came with an accepted token).
 */
export function factHolds(fact: RoleFact, answer: FactAnswer | undefined): boolean {
  if (fact.kind === "linked") return answer !== false;
  const target = parseTarget(fact);
  if (!target || answer === undefined || answer === null) return false;
  if (target.kind === "sponsor") return typeof answer === "number" && answer >= target.minimumDollars;
  return answer === true;
}

const question = (key: string, ask: FactQuestion["ask"]): FactQuestion => ({ key: key.toLowerCase(), ask });
