import { isGithubLogin, type RoleFact, type RoleRuleKind } from "../../domain/index.ts";
import { InvalidRuleTargetError } from "../../errors/index.ts";

const TEAM_SLUG = /^[a-z0-9][a-z0-9_-]{0,99}$/;
const REPO_NAME = /^[a-z0-9._-]{1,100}$/;
const SPONSOR_AMOUNT = /^[1-9]\d{0,5}$/;

const EXAMPLES: Record<RoleRuleKind, string> = {
  linked: "`rule:linked` with no target",
  org: "`target:acme` (the organization's login)",
  team: "`target:acme/core` (organization / team slug)",
  stargazer: "`target:acme/widget` (owner / repository)",
  contributor: "`target:acme/widget` (owner / repository)",
  sponsor: "`target:acme` (any sponsorship) or `target:acme:5` (at least $5 a month)",
};

// GitHub names are case-insensitive; one spelling keeps `acme` and `ACME` one rule.
const clean = (raw: string) =>
  raw
    .trim()
    .replace(/^https?:\/\/github\.com\//i, "")
    .replace(/\/+$/, "")
    .toLowerCase();

/** The rule's target in one spelling, or a sentence saying what the kind expects. */
export function parseRuleTarget(kind: RoleRuleKind, raw: string | null): RoleFact {
  const refuse = (message: string): never => {
    throw new InvalidRuleTargetError(message, EXAMPLES[kind]);
  };
  if (kind === "linked") {
    if (raw?.trim()) refuse("A `linked` rule takes no target: it matches every member with a linked GitHub account.");
    return { kind, target: null };
  }
  const target = clean(raw ?? "");
  if (!target) refuse(`A \`${kind}\` rule needs a target.`);
  const [first = "", second, third] = target.split(kind === "sponsor" ? ":" : "/");
  if (!isGithubLogin(first)) refuse(`\`${first}\` is not a GitHub account name.`);
  if (kind === "org" || (kind === "sponsor" && second === undefined)) {
    if (second !== undefined) refuse("An `org` rule takes only the organization's name.");
    return { kind, target: first };
  }
  if (third !== undefined || second === undefined) refuse(`\`${target}\` does not have the form the rule needs.`);
  const part = second ?? "";
  if (kind === "team" && !TEAM_SLUG.test(part)) refuse(`\`${part}\` is not a team slug.`);
  if ((kind === "stargazer" || kind === "contributor") && !REPO_NAME.test(part))
    refuse(`\`${part}\` is not a repository name.`);
  if (kind === "sponsor" && !SPONSOR_AMOUNT.test(part))
    refuse(`\`${part}\` is not a whole number of dollars a month.`);
  return { kind, target: `${first}${kind === "sponsor" ? ":" : "/"}${part}` };
}
