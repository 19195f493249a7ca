export type { DiscordAccount } from "./discord-account.ts";
export type { GitHubAccount } from "./github-account.ts";
export type { LinkSummary, TokenHealth } from "./link-summary.ts";
export type { SealedTokenSet, TokenSet } from "./token-set.ts";
