import { escapeMarkdown, time, userMention } from "discord.js";
import type { AuditAction, AuditEvent } from "../domain/index.ts";

const DESCRIPTIONS: Record<AuditAction, string> = {
  linked: "linked",
  relinked: "re-linked",
  unlinked: "unlinked",
  undone: "undid the link",
  needs_relink: "needs re-link",
  removed_by_github_owner: "removed by the GitHub account's owner",
  admin_unlink: "unlinked by a moderator",
  role_granted: "role granted",
  role_removed: "role removed",
};

/** One line per event, for the log channel and `/link-admin audit`; mentions are never pinged. */
export function describeAuditEvent(event: AuditEvent): string {
  const by = event.actorId && event.actorId !== event.discordId ? ` by ${userMention(event.actorId)}` : "";
  const detail = event.detail ? ` — ${escapeMarkdown(event.detail)}` : "";
  return (
    `${time(event.at, "f")} ${userMention(event.discordId)} **${DESCRIPTIONS[event.action]}**: ` +
    `GitHub **${escapeMarkdown(event.githubLogin)}** (id ${event.githubId})${by}${detail}`
  );
}
