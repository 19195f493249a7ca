import { setTimeout as sleep } from "node:timers/promises";
import { openTokenSet } from "../crypto/index.ts";
import type { GitHubAccount } from "../domain/index.ts";
import { revokeTokenSet } from "../github/index.ts";
import { countLinksByGithubId, deleteLink, findLinkByDiscordId, type LinkRecord } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { githubAccountOf } from "./link-views.ts";
import { type AuditCause, recordAuditEvent } from "./record-audit-event.ts";
import { LEASE_MS, POLL_MS } from "./refresh-link.ts";
import { takeBackRoles } from "./roles/take-back-roles.ts";

export interface UnlinkResult {
  /** The GitHub account that was linked, or null when there was no link to remove. */
  removed: GitHubAccount | null;
  /**
   * True only when GitHub confirmed the revocation; false when it could not be reached or no
   * longer knew the token. The link is removed all the same.
   */
  revokedAtGitHub: boolean;
}

export interface UnlinkOptions {
  /** Who removes the link, where and why: the audit record. */
  cause: AuditCause;
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
  opts: UnlinkOptions,
): Promise<UnlinkResult> {
  const removed = await deleteSettledLink(deps, discordId, opts.githubId);
  if (!removed) return { removed: null, revokedAtGitHub: true };
  await takeBackRoles(deps, removed, "unlinked");
  await recordAuditEvent(deps, opts.cause, removed);
  // Linked Roles: Discord hears `linked: 0` (the push reads the link's absence when it runs).
  if (deps.config.linkedRoles)
    await deps.notifier.notifyRoleConnection({ discordId, cause: `unlinked:${removed.linkedAt.getTime()}` });
  const account = githubAccountOf(deps.config, removed);
  try {
    const tokens = openTokenSet(deps.config.tokenKeys, discordId, removed);
    const wholeGrant = opts.revokeGrant || (await countLinksByGithubId(deps.storage, removed.githubId)) === 0;
    const revoked = await revokeTokenSet(deps.github, tokens, wholeGrant ? "grant" : "token");
    if (!revoked) deps.log.warn({ discordId }, "unlinked, but GitHub no longer knew the token to revoke");
    return { removed: account, revokedAtGitHub: revoked };
  } catch (err) {
    deps.log.warn({ err, discordId }, "unlinked, but could not revoke the token at GitHub");
    return { removed: account, revokedAtGitHub: false };
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
