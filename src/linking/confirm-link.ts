import { openToken, openTokenSet } from "../crypto/index.ts";
import { GitHubAccountTakenError } from "../errors/index.ts";
import { type LinkRecord, saveLink, transitionPendingLink } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { type ConfirmationView, confirmationViewOf } from "./link-views.ts";
import { recordAuditEvent } from "./record-audit-event.ts";
import { revokeUnusedToken } from "./revoke-unused-token.ts";

/**
 * "Link" on the confirmation page: only the browser that did the GitHub step, only once. Writes
 * the link and its DM and reply edit to the outbox; the page does not wait for Discord.
 */
export async function confirmLink(
  deps: LinkingDeps,
  params: { pendingId: string; browserHash: string },
): Promise<ConfirmationView> {
  const pending = await transitionPendingLink(deps.storage, params.pendingId, params.browserHash, {
    from: "pending",
    to: "linked",
  });
  const { discord, github, tokens, scopes } = pending;
  const { accessToken } = openTokenSet(deps.config.tokenKeys, discord.id, tokens);
  let previous: LinkRecord | null;
  try {
    previous = await saveLink(deps.storage, { discordId: discord.id, github, tokens, scopes });
  } catch (err) {
    if (err instanceof GitHubAccountTakenError) {
      await transitionPendingLink(deps.storage, pending.id, pending.browserHash, {
        from: "linked",
        to: "cancelled",
      });
      revokeUnusedToken(deps, accessToken);
    }
    throw err;
  }
  const replaced = previous && openToken(deps.config.tokenKeys, discord.id, previous.accessToken);
  if (replaced && replaced !== accessToken) revokeUnusedToken(deps, replaced);
  await recordAuditEvent(
    deps,
    {
      action: previous ? "relinked" : "linked",
      actorId: discord.id,
      guildId: pending.guildId,
      detail: previous && previous.githubId !== github.id ? `was ${previous.githubLogin}` : null,
    },
    { discordId: discord.id, githubId: github.id, githubLogin: github.login },
  );
  // Written before the page answers, so a process killed now still sends the DM and the edit.
  await deps.notifier.notifyLinked({
    confirmationId: pending.id,
    discordId: discord.id,
    sealedInteractionToken: pending.interactionToken,
    account: github,
    pushRoleConnection: deps.config.linkedRoles,
  });
  // The member's roles in every server with rules follow, without the page waiting on Discord or GitHub.
  await deps.roleQueue.settleMember({
    discordId: discord.id,
    githubId: github.id,
    githubLogin: github.login,
    why: "linked",
  });
  deps.log.info({ discordId: discord.id, githubId: github.id }, "linked GitHub account");
  return confirmationViewOf(pending);
}
