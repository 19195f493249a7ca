import { setTimeout as sleep } from "node:timers/promises";
import { openToken } from "../crypto/index.ts";
import { revokeTokenSet } from "../github/index.ts";
import { countLinksByGithubId, deleteLink, findLinkByDiscordId, type LinkRecord } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { LEASE_MS, POLL_MS } from "./refresh-link.ts";

export interface UnlinkResult {
  removed: LinkRecord | null;
  /**
   * True only when GitHub confirmed the revocation; false when it could not be reached or no
   * longer knew the token. The link is removed all the same.
   */
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
  const removed = await deleteSettledLink(deps, discordId, opts.githubId);
  if (!removed) return { removed: null, revokedAtGitHub: true };
  try {
    const open = (sealed: string) => openToken(deps.config.tokenKeys, discordId, sealed);
    const tokens = {
      accessToken: open(removed.accessToken),
      refreshToken: removed.refreshToken ? open(removed.refreshToken) : null,
      accessExpiresAt: removed.accessExpiresAt,
    };
    const wholeGrant = opts.revokeGrant || (await countLinksByGithubId(deps.storage, removed.githubId)) === 0;
    const revoked = await revokeTokenSet(deps.github, tokens, wholeGrant ? "grant" : "token");
    if (!revoked) deps.log.warn({ discordId }, "unlinked, but GitHub no longer knew the token to revoke");
    return { removed, revokedAtGitHub: revoked };
  } catch (err) {
    deps.log.warn({ err, discordId }, "unlinked, but could not revoke the token at GitHub");
    return { removed, revokedAtGitHub: false };
  }
}

/**
 * A refresh in flight swaps the token pair (and GitHub kills the old one): removing the link
 * under it would leave us revoking a dead token while the new one lives on. So the link goes
 * only once no refresh holds its lease, and the tokens removed are the ones GitHub knows.
 */
async function deleteSettledLink(
  deps: LinkingDeps,
  discordId: string,
  githubId: number | undefined,
): Promise<LinkRecord | null> {
  const deadline = Date.now() + LEASE_MS + POLL_MS;
  for (;;) {
    const now = new Date();
    // Past the deadline the lease holder is presumed dead: its lease will have lapsed by now.
    const removed = await deleteLink(deps.storage, discordId, {
      githubId,
      unlessRefreshing: now.getTime() < deadline ? now : undefined,
    });
    if (removed) return removed;
    const current = await findLinkByDiscordId(deps.storage, discordId);
    if (!current || (githubId !== undefined && current.githubId !== githubId)) return null;
    await sleep(POLL_MS);
  }
}
