import { type Connection, Schema } from "mongoose";

/**
 * One effect that follows a stored change (a DM, a reply edit, ...), written before the page
 * answers. `_id` is the effect's idempotency key; a worker holds it while `leaseUntil` is ahead.
 */
const outboxJobSchema = new Schema(
  {
    _id: { type: String, required: true },
    job: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: ["queued", "blocked", "done", "failed"], required: true },
    // 0 before 1: a reply edit is claimed before the DMs queued ahead of it.
    priority: { type: Number, default: 1 },
    runAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    owner: { type: String, default: null },
    attempts: { type: Number, default: 0 },
    // A job waiting for this one to finish ("blocked" until then): the DM on the /link reply edit.
    unblocks: { type: String, default: null },
    previous: { type: Schema.Types.Mixed, default: null },
    outcome: { type: Schema.Types.Mixed, default: null },
    lastError: { type: String, default: null },
    createdAt: { type: Date, required: true },
    // Set when the job finishes: finished jobs stay a week as the record of what was sent.
    expiresAt: { type: Date, default: null, expires: 0 },
  },
  { collection: "outbox", versionKey: false, minimize: false },
);
// A claim reads the queued jobs in claim order and stops at the first one due and not leased.
outboxJobSchema.index({ status: 1, priority: 1, runAt: 1 });

export const defineOutboxJobModel = (connection: Connection) =>
  connection.model("OutboxJob", outboxJobSchema);

export type OutboxJobModel = ReturnType<typeof defineOutboxJobModel>;
