import type { GitHubAccount } from "./github-account.ts";

/** "unchecked": GitHub could not be reached, so the stored link is all there is to show. */
export type TokenHealth = "valid" | "refreshed" | "needs_relink" | "unchecked";

/** A member's link as commands and messages show it: the account and its grant, never a token. */
export interface LinkSummary {
  account: GitHubAccount;
  scopes: string[];
  linkedAt: Date;
  tokenRefreshedAt: Date | null;
  /** False once GitHub no longer accepts the link (revoked or expired): it may not be theirs any more. */
  verified: boolean;
}
