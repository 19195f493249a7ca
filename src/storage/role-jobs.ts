import type { Storage } from "./storage.ts";

/** Why a member's roles are settled again: they linked, their link went, or it needs renewing. */
export type RoleChangeCause = "linked" | "unlinked" | "needs_relink";

/** Settle one member's roles in every server with rules (grant what holds, remove what octolink gave). */
export interface MemberRolesJob {
  kind: "member_roles";
  discordId: string;
  /** The GitHub account the change is about: the audit record's subject once the link is gone. */
  githubId: number;
  githubLogin: string;
  why: RoleChangeCause;
}

/** Re-check every linked member of a server; from `/link-roles sync` (whose reply it edits) or the schedule. */
export interface RoleSyncJob {
  kind: "role_sync";
  guildId: string;
  /** The moderator who ran `/link-roles sync`; null for the schedule. */
  actorId: string | null;
  /** The deferred reply to edit at the end, sealed under the moderator's id. */
  sealedInteractionToken: string | null;
}

/** Whether a sync of the server is queued or running (a second would do the same work again). */
export async function isRoleSyncOpen(storage: Storage, guildId: string): Promise<boolean> {
  const open = await storage.outbox
    .exists({ "job.kind": "role_sync", "job.guildId": guildId, status: "queued" })
    .exec();
  return open !== null;
}
