import { openToken } from "../crypto/index.ts";
import { GitHubAccountTakenError } from "../errors/index.ts";
import {
  type LinkRecord,
  type PendingLinkRecord,
  saveLink,
  transitionPendingLink,
} from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { recordAuditEvent } from "./record-audit-event.ts";
import { revokeUnusedToken } from "./revoke-unused-token.ts";

/**
 * "Link" on the confirmation page: only the browser that did the GitHub step, only once. Writes
 * the link, then queues the DM and the reply edit; the page does not wait for Discord.
 */
export async function confirmLink(
  deps: LinkingDeps,
  params: { pendingId: string; browserHash: string },
): Promise<PendingLinkRecord> {
  const pending = await transitionPendingLink(deps.storage, params.pendingId, params.browserHash, {
    from: "pending",
    to: "linked",
  });
  const open = (sealed: string) => openToken(deps.config.tokenKeys, pending.discordId, sealed);
  let previous: LinkRecord | null;
  try {
    previous = await saveLink(deps.storage, {
      discordId: pending.discordId,
      githubId: pending.githubId,
      githubLogin: pending.githubLogin,
      githubName: pending.githubName,
      avatarUrl: pending.githubAvatarUrl,
      scopes: pending.scopes,
      accessToken: pending.accessToken,
      refreshToken: pending.refreshToken,
      accessExpiresAt: pending.accessExpiresAt,
      refreshExpiresAt: pending.refreshExpiresAt,
    });
  } catch (err) {
    if (err instanceof GitHubAccountTakenError) {
      await transitionPendingLink(deps.storage, pending.id, pending.browserHash, {
        from: "linked",
        to: "cancelled",
      });
      revokeUnusedToken(deps, open(pending.accessToken));
    }
    throw err;
  }
  if (previous && open(previous.accessToken) !== open(pending.accessToken))
    revokeUnusedToken(deps, open(previous.accessToken));
  await recordAuditEvent(
    deps,
    {
      action: previous ? "relinked" : "linked",
      actorId: pending.discordId,
      guildId: pending.guildId,
      detail: previous && previous.githubId !== pending.githubId ? `was ${previous.githubLogin}` : null,
    },
    pending,
  );
  deps.notifier.notifyLinked({
    discordId: pending.discordId,
    githubId: pending.githubId,
    interactionToken: open(pending.interactionToken),
    account: {
      githubLogin: pending.githubLogin,
      githubName: pending.githubName,
      avatarUrl: pending.githubAvatarUrl,
      profileUrl: pending.githubProfileUrl,
    },
  });
  deps.log.info({ discordId: pending.discordId, githubId: pending.githubId }, "linked GitHub account");
  return pending;
}
