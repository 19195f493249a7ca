import type { Config } from "../config.ts";
import type { DiscordAccount, GitHubAccount, LinkSummary } from "../domain/index.ts";
import type { LinkRecord, PendingLinkRecord } from "../storage/index.ts";

/** What the confirmation pages show: the two accounts and the id their forms post back; never a token. */
export interface ConfirmationView {
  pendingId: string;
  discord: DiscordAccount;
  github: GitHubAccount;
}

export const confirmationViewOf = (
  pending: Pick<PendingLinkRecord, "id" | "discord" | "github">,
): ConfirmationView => ({
  pendingId: pending.id,
  discord: pending.discord,
  github: pending.github,
});

/** A stored link's GitHub account; `links` keeps no profile URL, GitHub's is the login under GITHUB_URL. */
export const githubAccountOf = (config: Config, link: LinkRecord): GitHubAccount => ({
  id: link.githubId,
  login: link.githubLogin,
  name: link.githubName,
  avatarUrl: link.avatarUrl,
  profileUrl: `${config.github.url}/${encodeURIComponent(link.githubLogin)}`,
});

export const summarizeLink = (config: Config, link: LinkRecord): LinkSummary => ({
  account: githubAccountOf(config, link),
  scopes: link.scopes,
  linkedAt: link.linkedAt,
  tokenRefreshedAt: link.tokenRefreshedAt ?? null,
  verified: link.tokenStatus !== "needs_relink",
});
