export { AUDIT_ACTIONS, type AuditAction, type AuditEvent } from "./audit-event.ts";
export type { DiscordAccount } from "./discord-account.ts";
export type { GitHubAccount } from "./github-account.ts";
export { GITHUB_LOGIN, isGithubLogin } from "./github-login.ts";
export type { GitHubStanding } from "./github-standing.ts";
export type { LinkSummary, TokenHealth } from "./link-summary.ts";
export type { LinkWebhookEvent, LinkWebhookPayload } from "./link-webhook.ts";
export type { RoleGrant } from "./role-grant.ts";
export {
  ROLE_RULE_KINDS,
  type FactsOutcome,
  type RoleFact,
  type RoleRule,
  type RoleRuleKind,
} from "./role-rule.ts";
export type { SyncTally } from "./sync-tally.ts";
export type { SealedTokenSet, TokenSet } from "./token-set.ts";
