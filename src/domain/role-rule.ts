export const ROLE_RULE_KINDS = ["linked", "org", "team", "stargazer", "contributor", "sponsor"] as const;

export type RoleRuleKind = (typeof ROLE_RULE_KINDS)[number];

/**
 * One server's rule: a member whose GitHub account meets `kind` (and `target`) gets `roleId`.
 * `target` is null for `linked`; `acme` for org; `acme/core` for team; `owner/repo` for
 * stargazer and contributor; `account` or `account:5` (at least $5 a month) for sponsor.
 */
export interface RoleRule {
  guildId: string;
  roleId: string;
  kind: RoleRuleKind;
  target: string | null;
}

/** The question a rule asks of GitHub; rules asking the same question share one answer. */
export type RoleFact = Pick<RoleRule, "kind" | "target">;

/** What checking a member's facts gave: the facts that hold, or why they could not be checked. */
export type FactsOutcome =
  | { status: "checked"; holds: (fact: RoleFact) => boolean }
  | { status: "needs_relink" }
  | { status: "rate_limited"; resetAt: Date };
