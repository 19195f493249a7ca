import { openToken } from "../crypto/index.ts";
import type { GitHubAccount } from "../domain/index.ts";
import { GitHubAccountTakenError } from "../errors/index.ts";
import { type ReplacedLink, saveLink, transitionPendingLink } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { type ConfirmationView, confirmationViewOf } from "./link-views.ts";
import { type AuditCause, auditNoticeOf } from "./record-audit-event.ts";
import { revokeUnusedToken } from "./revoke-unused-token.ts";

/** The confirmation's own lifetime: a link write that has not landed by then never will. */
const DECIDE_WITHIN_MS = 10 * 60 * 1000;

/**
 * "Link" on the confirmation page: only the browser that did the GitHub step, only once. Every
 * effect of the link (DM, reply edit, roles, Linked Roles push, audit record, webhook, log posts)
 * goes to the outbox in one insert before the link, guarded by it (see outbox/link-guard.ts), so
 * a process killed at any moment neither loses them nor does them for a link that was never
 * written; the page waits on neither Discord nor GitHub. Three MongoDB commands: the claim of the
 * pending link, the outbox insert, the link write.
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
  const subject = { discordId: discord.id, githubId: github.id, githubLogin: github.login };
  const audit = auditNoticeOf(deps, linkCause(pending, pending.replaces), subject, linkedAt);
  const notice = await deps.notifier.notifyLinked({
    confirmationId: pending.id,
    discordId: discord.id,
    sealedInteractionToken: pending.interactionToken,
    account: github,
    pushRoleConnection: deps.config.linkedRoles,
    linkedAt,
    decideBy: new Date(linkedAt.getTime() + DECIDE_WITHIN_MS),
    audit,
  });
  let previous: Awaited<ReturnType<typeof saveLink>>;
  try {
    previous = await saveLink(deps.storage, { discordId: discord.id, github, tokens, scopes }, linkedAt);
  } catch (err) {
    await notice.changeWithdrawn().catch((cancelErr: unknown) =>
      // The guard drops them anyway, once the link is known not to have come.
      deps.log.warn({ err: cancelErr }, "could not withdraw a refused link's outbox jobs"),
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
  // The member changed links in another tab since the callback: the record says what was replaced.
  const actual = linkCause(pending, previous);
  const revised = actual.action !== audit.event.action || actual.detail !== audit.event.detail;
  await notice
    .changeMade(revised ? { ...audit.event, action: actual.action, detail: actual.detail } : undefined)
    .catch((err: unknown) =>
      deps.log.warn(
        { err },
        "could not correct a link's audit record in the outbox (this process's worker has it)",
      ),
    );
  if (previous) {
    const replaced = openToken(deps.config.tokenKeys, discord.id, previous.accessToken);
    if (replaced !== openToken(deps.config.tokenKeys, discord.id, tokens.accessToken))
      revokeUnusedToken(deps, replaced);
  }
  deps.log.info({ discordId: discord.id, githubId: github.id }, "linked GitHub account");
  return confirmationViewOf(pending);
}

/** Linked, or relinked (saying from which account, when another): what the audit record says. */
function linkCause(
  pending: { discord: { id: string }; guildId: string | null; github: GitHubAccount },
  replaces: ReplacedLink | null,
): Required<AuditCause> {
  return {
    action: replaces ? "relinked" : "linked",
    actorId: pending.discord.id,
    guildId: pending.guildId,
    detail: replaces && replaces.githubId !== pending.github.id ? `was ${replaces.githubLogin}` : null,
  };
}
