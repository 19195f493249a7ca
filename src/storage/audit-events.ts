import type { AuditEvent } from "../domain/index.ts";
import { nativeOf } from "./native.ts";
import type { Storage } from "./storage.ts";

/** Every field is set by the caller: no document to build (a copy, since the driver adds `_id`). */
export async function saveAuditEvent(storage: Storage, event: AuditEvent): Promise<void> {
  await nativeOf<AuditEvent>(storage.auditEvents).insertOne({ ...event });
}

/**
 * Written by the outbox job that follows a link change, which may run twice after a crash: the
 * record's `_id` is the change's event id, so the second insert finds it there and stops.
 */
export async function saveAuditEventOnce(
  storage: Storage,
  eventId: string,
  event: AuditEvent,
): Promise<void> {
  try {
    await nativeOf<AuditEvent & { _id: string }>(storage.auditEvents).insertOne({ _id: eventId, ...event });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
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
