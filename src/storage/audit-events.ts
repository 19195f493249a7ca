import type { AUDIT_ACTIONS } from "./models/audit-event.ts";
import type { Storage } from "./storage.ts";

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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

export async function saveAuditEvent(storage: Storage, event: AuditEvent): Promise<void> {
  await storage.auditEvents.create(event);
}

export interface AuditQuery {
  discordId?: string;
  limit: number;
  skip?: number;
}

/** Newest first. */
export const listAuditEvents = (storage: Storage, query: AuditQuery): Promise<AuditEvent[]> =>
  storage.auditEvents
    .find(query.discordId !== undefined ? { discordId: query.discordId } : {}, { _id: 0 })
    .sort({ at: -1, _id: -1 })
    .skip(query.skip ?? 0)
    .limit(query.limit)
    .lean<AuditEvent[]>()
    .exec();

export const countAuditEvents = (storage: Storage, discordId: string): Promise<number> =>
  storage.auditEvents.countDocuments({ discordId }).exec();
