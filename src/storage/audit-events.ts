import type { AuditEvent } from "../domain/index.ts";
import { nativeOf } from "./native.ts";
import type { Storage } from "./storage.ts";

/** Every field is set by the caller: no document to build (a copy, since the driver adds `_id`). */
export async function saveAuditEvent(storage: Storage, event: AuditEvent): Promise<void> {
  await nativeOf<AuditEvent>(storage.auditEvents).insertOne({ ...event });
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
