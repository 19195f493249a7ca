import { openToken } from "../crypto/index.ts";
import { GitHubAccountTakenError } from "../errors/index.ts";
import { type LinkRecord, saveLink, transitionPendingLink } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { type ConfirmationView, confirmationViewOf } from "./link-views.ts";
import { recordAuditEvent } from "./record-audit-event.ts";
import { revokeUnusedToken } from "./revoke-unused-token.ts";

/** The confirmation's own lifetime: a link write that has not landed by then never will. */
const DECIDE_WITHIN_MS = 10 * 60 * 1000;

/**
 * "Link" on the confirmation page: only the browser that did the GitHub step, only once. The
 * link's DM, reply edit and role settling go to the outbox first, guarded by the link (see
 * outbox/link-guard.ts), so a process killed at any moment neither loses them nor does them
 * for a link that was never written; the page waits on neither Discord nor GitHub.
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
  const linkedAt = new Date();
  const notice = await deps.notifier.notifyLinked({
    confirmationId: pending.id,
    discordId: discord.id,
    sealedInteractionToken: pending.interactionToken,
    account: github,
    pushRoleConnection: deps.config.linkedRoles,
    linkedAt,
    decideBy: new Date(linkedAt.getTime() + DECIDE_WITHIN_MS),
  });
  let previous: LinkRecord | null;
  try {
    previous = await saveLink(deps.storage, { discordId: discord.id, github, tokens, scopes }, linkedAt);
  } catch (err) {
    await notice.linkRefused().catch((cancelErr: unknown) =>
      // The guard drops them anyway, once the link is known not to have come.
      deps.log.warn({ err: cancelErr }, "could not withdraw a refused link's DM and reply edit"),
    );
    if (err instanceof GitHubAccountTakenError) {
      await transitionPendingLink(deps.storage, pending.id, pending.browserHash, {
        from: "linked",
        to: "cancelled",
      });
      revokeUnusedToken(deps, openToken(deps.config.tokenKeys, discord.id, tokens.accessToken));
    }
    throw err;
  }
  notice.linkSaved();
  if (previous) {
    const replaced = openToken(deps.config.tokenKeys, discord.id, previous.accessToken);
    if (replaced !== openToken(deps.config.tokenKeys, discord.id, tokens.accessToken))
      revokeUnusedToken(deps, replaced);
  }
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
  deps.log.info({ discordId: discord.id, githubId: github.id }, "linked GitHub account");
  return confirmationViewOf(pending);
}
