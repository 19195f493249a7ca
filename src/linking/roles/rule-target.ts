import type { RoleFact, RoleRuleKind } from "../../domain/index.ts";
import { InvalidRuleTargetError } from "../../errors/index.ts";
import { parseTarget } from "../../github/facts/index.ts";

const FORMS: Record<Exclude<RoleRuleKind, "linked">, string> = {
  org: "an organization's name, like `acme`",
  team: "an organization and a team slug, like `acme/core`",
  stargazer: "a repository, like `acme/widget`",
  contributor: "a repository, like `acme/widget`",
  sponsor: "an account, like `acme` (any sponsorship), or `acme:5` (at least $5 a month)",
};

/** GitHub names are case-insensitive: one spelling keeps `acme` and `ACME` one rule. */
const clean = (raw: string) =>
  raw
    .trim()
    .replace(/^https?:\/\/github\.com\//i, "")
    .replace(/\/+$/, "")
    .toLowerCase();

/** The rule's question in one spelling, or a sentence saying what its kind expects. */
export function parseRuleTarget(kind: RoleRuleKind, raw: string | null): RoleFact {
  if (kind === "linked") {
    if (raw?.trim())
      throw new InvalidRuleTargetError(
        "A `linked` rule takes no target: it matches every member with a linked GitHub account.",
        "`rule:linked` with no target",
      );
    return { kind, target: null };
  }
  const fact = { kind, target: clean(raw ?? "") };
  if (fact.target && parseTarget(fact)) return fact;
  const what = fact.target ? `The target \`${fact.target}\` is not` : "The target is missing: it must be";
  throw new InvalidRuleTargetError(
    `${what} what a \`${kind}\` rule needs: ${FORMS[kind]}.`,
    `\`/link-roles add rule:${kind} target:${FORMS[kind].split("`")[1]}\``,
  );
}
