import { openToken } from "../crypto/index.ts";
import { GitHubAccountTakenError } from "../errors/index.ts";
import {
  type LinkRecord,
  type PendingLinkRecord,
  saveLink,
  transitionPendingLink,
} from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { revokeUnusedToken } from "./revoke-unused-token.ts";

/**
 * "Link" on the confirmation page: only the browser that did the GitHub step, only once. Writes
 * the link and its DM and reply edit to the outbox; the page does not wait for Discord.
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
  // Written before the page answers, so a process killed now still sends the DM and the edit.
  await deps.notifier.notifyLinked({
    confirmationId: pending.id,
    discordId: pending.discordId,
    githubId: pending.githubId,
    sealedInteractionToken: pending.interactionToken,
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
