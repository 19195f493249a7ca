export const AUDIT_ACTIONS = [
  "linked",
  "relinked",
  "unlinked",
  "undone",
  "needs_relink",
  "removed_by_github_owner",
  "admin_unlink",
  "role_granted",
  "role_removed",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One link change, as `audit_events` keeps it: ids and the login, never a token. */
export interface AuditEvent {
  at: Date;
  /** The server the change was made in; null for changes from a DM, a web page or GitHub. */
  guildId: string | null;
  /** Who made the change; null when GitHub or octolink itself did. */
  actorId: string | null;
  action: AuditAction;
  discordId: string;
  githubId: number;
  githubLogin: string;
  detail: string | null;
}
