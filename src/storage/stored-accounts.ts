import type { DiscordAccount, GitHubAccount } from "../domain/index.ts";

// The collections name these fields as they did before the shared account types; the mappers
// keep those names, so stored documents need no migration.

/** A GitHub account as `links` stores it (no profile URL: it follows from the login). */
export const storedGithubFields = (account: Omit<GitHubAccount, "profileUrl">) => ({
  githubId: account.id,
  githubLogin: account.login,
  githubName: account.name,
  avatarUrl: account.avatarUrl,
});

/** A GitHub account as `pending_links` stores it. */
export const storedPendingGithubFields = (account: GitHubAccount) => ({
  githubId: account.id,
  githubLogin: account.login,
  githubName: account.name,
  githubAvatarUrl: account.avatarUrl,
  githubProfileUrl: account.profileUrl,
});

export const pendingGithubAccountOf = (
  stored: ReturnType<typeof storedPendingGithubFields>,
): GitHubAccount => ({
  id: stored.githubId,
  login: stored.githubLogin,
  name: stored.githubName ?? null,
  avatarUrl: stored.githubAvatarUrl ?? null,
  profileUrl: stored.githubProfileUrl,
});

/** Who ran /link, as `link_states` and `pending_links` store them. */
export const storedDiscordFields = (account: DiscordAccount) => ({
  discordId: account.id,
  discordUsername: account.username,
  discordDisplayName: account.displayName,
  discordAvatarUrl: account.avatarUrl,
});

export const discordAccountOf = (stored: {
  discordId: string;
  discordUsername: string;
  discordDisplayName?: string | null;
  discordAvatarUrl?: string | null;
}): DiscordAccount => ({
  id: stored.discordId,
  username: stored.discordUsername,
  displayName: stored.discordDisplayName ?? null,
  avatarUrl: stored.discordAvatarUrl ?? null,
});
