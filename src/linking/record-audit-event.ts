import { randomUUID } from "node:crypto";
import type { AuditAction, AuditEvent, LinkWebhookEvent, LinkWebhookPayload } from "../domain/index.ts";
import { saveAuditEvent } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import type { AuditNotice } from "./outbox/notifier.ts";

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

/**
 * A link change as the outbox carries it: its audit event, its id (the webhook's delivery id
 * and the audit record's `_id`) and, when `LINK_WEBHOOK_URL` is set, the webhook's body.
 */
export function auditNoticeOf(
  deps: Pick<LinkingDeps, "config">,
  cause: AuditCause,
  subject: AuditSubject,
  at = new Date(),
): AuditNotice {
  const event: AuditEvent = {
    at,
    guildId: cause.guildId,
    actorId: cause.actorId,
    action: cause.action,
    discordId: subject.discordId,
    githubId: subject.githubId,
    githubLogin: subject.githubLogin,
    detail: cause.detail ?? null,
  };
  return { eventId: randomUUID(), event, webhook: webhookPayloadOf(deps, event) };
}

/**
 * Tells of a change made by a worker's job (a role granted or removed): the audit record, and
 * in the outbox the webhook and the log-channel posts. A link change writes all of that to the
 * outbox before the change instead (see outbox/link-guard.ts). The change itself is already
 * made, so a failure here is logged and never undoes it.
 */
export async function recordAuditEvent(
  deps: LinkingDeps,
  cause: AuditCause,
  subject: AuditSubject,
  opts: { postToLogChannel?: boolean } = {},
): Promise<void> {
  const notice = auditNoticeOf(deps, cause, subject);
  // A sync posts one summary instead of a line per role change; nothing else to tell then.
  const tell = opts.postToLogChannel !== false || notice.webhook !== null;
  const [saved, notified] = await Promise.allSettled([
    saveAuditEvent(deps.storage, notice.event),
    tell ? deps.notifier.notifyAuditEvent(notice) : Promise.resolve(),
  ]);
  const context = { action: notice.event.action, discordId: notice.event.discordId };
  if (saved.status === "rejected")
    deps.log.error({ err: saved.reason, ...context }, "could not write an audit record");
  if (notified.status === "rejected")
    deps.log.error(
      { err: notified.reason, ...context },
      "could not write a link change's webhook and log-channel posts to the outbox",
    );
}

function webhookPayloadOf(deps: Pick<LinkingDeps, "config">, event: AuditEvent): LinkWebhookPayload | null {
  const webhookEvent = WEBHOOK_EVENTS[event.action];
  if (!webhookEvent || !deps.config.linkWebhook) return null;
  return {
    event: webhookEvent,
    discordId: event.discordId,
    githubId: event.githubId,
    githubLogin: event.githubLogin,
    at: event.at.toISOString(),
  };
}
