import type { RoleFact } from "../../domain/index.ts";

/** What a rule asks, as a moderator reads it in `/link-roles list` and in the audit log. */
export function describeRule(fact: RoleFact): string {
  const target = fact.target ?? "";
  switch (fact.kind) {
    case "linked":
      return "linked a GitHub account";
    case "org":
      return `member of GitHub org ${target}`;
    case "team":
      return `member of GitHub team ${target}`;
    case "stargazer":
      return `starred ${target} on GitHub`;
    case "contributor":
      return `has a merged pull request in ${target}`;
    case "sponsor": {
      const [account, dollars] = target.split(":");
      return dollars
        ? `sponsors ${account} with at least $${dollars} a month`
        : `sponsors ${account} on GitHub`;
    }
  }
}

/** Audit-log reasons (Discord allows 512 characters). */
export const grantReason = (facts: RoleFact[]) =>
  `octolink: ${facts.map(describeRule).join("; ")}`.slice(0, 512);
