import { describeAuditEvent } from "../discord/audit-message.ts";
import type { AuditAction, AuditEvent } from "../domain/index.ts";
import { listLogChannels, saveAuditEvent } from "../storage/index.ts";
import type { LinkWebhookEvent } from "../webhooks/link-webhooks.ts";
import type { LinkingDeps } from "./deps.ts";

/** Who changed a link, where and why; the flows fill in which link. */
export interface AuditCause {
  action: AuditAction;
  actorId: string | null;
  guildId: string | null;
  detail?: string | null;
}

export type AuditSubject = Pick<AuditEvent, "discordId" | "githubId" | "githubLogin">;

const WEBHOOK_EVENTS: Partial<Record<AuditAction, LinkWebhookEvent>> = {
  linked: "link.created",
  relinked: "link.created",
  unlinked: "link.removed",
  undone: "link.removed",
  admin_unlink: "link.removed",
  removed_by_github_owner: "link.removed",
  needs_relink: "link.needs_relink",
};

const ROLE_ACTIONS = new Set<AuditAction>(["role_granted", "role_removed"]);

/**
 * The one place a link change is told about: the audit record, the outgoing webhook, and the
 * log channel of every server the member is in. The change itself is already made, so a
 * failure here is logged and never undoes it.
 */
export async function recordAuditEvent(
  deps: LinkingDeps,
  cause: AuditCause,
  subject: AuditSubject,
  opts: { postToLogChannel?: boolean } = {},
): Promise<void> {
  const event: AuditEvent = {
    at: new Date(),
    guildId: cause.guildId,
    actorId: cause.actorId,
    action: cause.action,
    discordId: subject.discordId,
    githubId: subject.githubId,
    githubLogin: subject.githubLogin,
    detail: cause.detail ?? null,
  };
  try {
    await saveAuditEvent(deps.storage, event);
  } catch (err) {
    deps.log.error(
      { err, action: event.action, discordId: event.discordId },
      "could not write an audit record",
    );
  }
  const webhookEvent = WEBHOOK_EVENTS[event.action];
  if (webhookEvent)
    deps.webhooks.enqueueWebhook({
      event: webhookEvent,
      discordId: event.discordId,
      githubId: event.githubId,
      githubLogin: event.githubLogin,
      at: event.at.toISOString(),
    });
  if (opts.postToLogChannel === false) return;
  postToLogChannels(deps, event).catch((err) =>
    deps.log.warn({ err, action: event.action }, "could not post an audit event to the log channels"),
  );
}

/**
 * A link belongs to the member, not to one server: every server they are in hears of it. A
 * role change belongs to its server: only that server hears of it.
 */
async function postToLogChannels(deps: LinkingDeps, event: AuditEvent): Promise<void> {
  const content = describeAuditEvent(event);
  const onlyItsServer = ROLE_ACTIONS.has(event.action);
  for (const { guildId, channelId } of await listLogChannels(deps.storage)) {
    if (onlyItsServer && guildId !== event.guildId) continue;
    if (!(await deps.discord.isGuildMember(guildId, event.discordId))) continue;
    const outcome = await deps.discord.postChannelMessage(channelId, { content });
    if (outcome !== "posted")
      deps.log.warn({ guildId, channelId, outcome }, "could not post to the log channel");
  }
}
