import { openTokenSet } from "../crypto/index.ts";
import type { GitHubAccount } from "../domain/index.ts";
import { revokeTokenSet } from "../github/index.ts";
import { countLinksByGithubId, deleteLink } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { githubAccountOf } from "./link-views.ts";

export interface UnlinkResult {
  /** The GitHub account that was linked, or null when there was no link to remove. */
  removed: GitHubAccount | null;
  /** False when GitHub could not be reached; the link is removed all the same. */
  revokedAtGitHub: boolean;
}

export interface UnlinkOptions {
  /** Remove the link only if it still points at this GitHub account (an old "Undo" must not remove a newer link). */
  githubId?: number;
  /** Delete the whole grant even if another member shares the GitHub account ("Not you?"). */
  revokeGrant?: boolean;
}

/**
 * Removes the link first, so a GitHub outage never keeps a member linked against their will.
 * When no other member uses that GitHub account, the whole grant goes (which also deletes the
 * token); otherwise only this link's token. An expired GitHub App token is refreshed to do it.
 */
export async function unlinkMember(
  deps: LinkingDeps,
  discordId: string,
  opts: UnlinkOptions = {},
): Promise<UnlinkResult> {
  const removed = await deleteLink(deps.storage, discordId, opts.githubId);
  if (!removed) return { removed: null, revokedAtGitHub: true };
  const account = githubAccountOf(deps.config, removed);
  try {
    const tokens = openTokenSet(deps.config.tokenKeys, discordId, removed);
    const wholeGrant = opts.revokeGrant || (await countLinksByGithubId(deps.storage, removed.githubId)) === 0;
    await revokeTokenSet(deps.github, tokens, wholeGrant ? "grant" : "token");
    return { removed: account, revokedAtGitHub: true };
  } catch (err) {
    deps.log.warn({ err, discordId }, "unlinked, but could not revoke the token at GitHub");
    return { removed: account, revokedAtGitHub: false };
  }
}
