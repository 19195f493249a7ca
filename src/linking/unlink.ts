import { setTimeout as sleep } from "node:timers/promises";
import { openTokenSet } from "../crypto/index.ts";
import type { GitHubAccount } from "../domain/index.ts";
import { revokeTokenSet } from "../github/index.ts";
import {
  countLinksByGithubId,
  deleteLink,
  findLinkByDiscordId,
  findLinkMarks,
  type LinkRecord,
} from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { githubAccountOf } from "./link-views.ts";
import type { PendingNotice } from "./outbox/notifier.ts";
import { type AuditCause, auditNoticeOf } from "./record-audit-event.ts";
import { LEASE_MS, POLL_MS } from "./refresh-link.ts";

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
  /** Tell the member by DM that the GitHub account's owner removed the link. */
  dmRemovedByOwner?: boolean;
}

/** Past this, an unlink's effects whose link still stands are dropped: its delete did not come. */
const DECIDE_WITHIN_MS = 2 * 60 * 1000;

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
  const removed = await removeLink(deps, discordId, opts);
  if (!removed) return { removed: null, revokedAtGitHub: true };
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
 * The unlink's effects (the roles octolink gave taken back, Linked Roles told `linked: 0`, the
 * audit record, webhook and log posts) go to the outbox before the delete, guarded by that
 * link's absence (see outbox/link-guard.ts), and the delete removes only that very link (its
 * `linkedAt`): a `kill -9` at any moment loses none of them, and none follow a delete that did
 * not happen. A link that changed meanwhile (re-linked, or removed by another) withdraws them;
 * a re-link is then looked at afresh, as the member asked to be unlinked.
 */
async function removeLink(
  deps: LinkingDeps,
  discordId: string,
  opts: UnlinkOptions,
): Promise<LinkRecord | null> {
  const deadline = Date.now() + LEASE_MS + POLL_MS;
  for (;;) {
    const link = await findLinkByDiscordId(deps.storage, discordId);
    if (!link || (opts.githubId !== undefined && link.githubId !== opts.githubId)) return null;
    const now = new Date();
    const notice = await deps.notifier.notifyUnlinking({
      link,
      pushRoleConnection: deps.config.linkedRoles,
      dmRemovedByOwner: opts.dmRemovedByOwner,
      decideBy: new Date(now.getTime() + DECIDE_WITHIN_MS),
      audit: auditNoticeOf(deps, opts.cause, link, now),
    });
    let removed: LinkRecord | null;
    try {
      removed = await deleteSettledLink(deps, link, deadline);
    } catch (err) {
      await withdraw(deps, notice);
      throw err;
    }
    if (removed) {
      await notice.changeMade();
      return removed;
    }
    await withdraw(deps, notice);
  }
}

const withdraw = (deps: LinkingDeps, notice: PendingNotice) =>
  notice.changeWithdrawn().catch((err: unknown) =>
    // The guard drops them anyway, once their link is known to have stayed.
    deps.log.warn({ err }, "could not withdraw an unlink's outbox jobs"),
  );

/**
 * A refresh in flight swaps the token pair (and GitHub kills the old one): removing the link
 * under it would leave us revoking a dead token while the new one lives on. So the link goes
 * only once no refresh holds its lease, and the tokens removed are the ones GitHub knows. Null
 * when the link is no longer this one.
 */
async function deleteSettledLink(
  deps: LinkingDeps,
  link: LinkRecord,
  deadline: number,
): Promise<LinkRecord | null> {
  for (;;) {
    const now = new Date();
    // Past the deadline the lease holder is presumed dead: its lease will have lapsed by now.
    const removed = await deleteLink(deps.storage, link.discordId, {
      linkedAt: link.linkedAt,
      unlessRefreshing: now.getTime() < deadline ? now : undefined,
    });
    if (removed) return removed;
    const current = await findLinkMarks(deps.storage, link.discordId);
    if (current?.linkedAt.getTime() !== link.linkedAt.getTime()) return null;
    await sleep(POLL_MS);
  }
}
