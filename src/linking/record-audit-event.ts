import { randomUUID } from "node:crypto";
import type { AuditAction, AuditEvent, LinkWebhookEvent, LinkWebhookPayload } from "../domain/index.ts";
import { saveAuditEvent } from "../storage/index.ts";
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

/**
 * The one place a link change is told about: the audit record, and in the outbox (so a restart
 * loses none of them) the outgoing webhook and the posts to the log channel of every server
 * the member is in. The change itself is already made, so a failure here is logged and never
 * undoes it.
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
  const webhook = webhookPayloadOf(deps, event);
  // A sync posts one summary instead of a line per role change; nothing else to tell then.
  const tell = opts.postToLogChannel !== false || webhook !== null;
  const [saved, notified] = await Promise.allSettled([
    saveAuditEvent(deps.storage, event),
    tell ? deps.notifier.notifyAuditEvent({ eventId: randomUUID(), event, webhook }) : Promise.resolve(),
  ]);
  const context = { action: event.action, discordId: event.discordId };
  if (saved.status === "rejected")
    deps.log.error({ err: saved.reason, ...context }, "could not write an audit record");
  if (notified.status === "rejected")
    deps.log.error(
      { err: notified.reason, ...context },
      "could not write a link change's webhook and log-channel posts to the outbox",
    );
}

function webhookPayloadOf(deps: LinkingDeps, event: AuditEvent): LinkWebhookPayload | null {
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
