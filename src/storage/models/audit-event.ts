import { type Connection, Schema } from "mongoose";
import { AUDIT_ACTIONS } from "../../domain/index.ts";

const DAY_SECONDS = 24 * 60 * 60;

/**
 * One record per link change. Ids and the login only, never a token; MongoDB deletes each
 * record `retentionDays` after it was written (the TTL index on `at`).
 */
function createAuditEventSchema(retentionDays: number) {
  const schema = new Schema(
    {
      at: { type: Date, required: true, expires: retentionDays * DAY_SECONDS },
      guildId: { type: String, default: null },
      actorId: { type: String, default: null },
      action: { type: String, enum: AUDIT_ACTIONS, required: true },
      discordId: { type: String, required: true },
      githubId: { type: Number, required: true },
      githubLogin: { type: String, required: true },
      detail: { type: String, default: null },
    },
    { collection: "audit_events", versionKey: false },
  );
  schema.index({ discordId: 1, at: -1 });
  return schema;
}

export const defineAuditEventModel = (connection: Connection, opts: { retentionDays: number }) =>
  connection.model("AuditEvent", createAuditEventSchema(opts.retentionDays));

export type AuditEventModel = ReturnType<typeof defineAuditEventModel>;
