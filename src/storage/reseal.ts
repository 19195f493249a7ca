import type { Model } from "mongoose";
import type { Storage } from "./storage.ts";

/** Turns one sealed value of a member into the same value sealed under the current key, or null if it already is. */
export type Reseal = (discordId: string, sealed: string) => string | null;

export interface ResealCount {
  scanned: number;
  resealed: number;
}

// Every field that holds a sealed value, per collection; all are sealed for the record's discordId.
const SEALED_FIELDS = [
  ["links", ["accessToken", "refreshToken"]],
  ["pendingLinks", ["accessToken", "refreshToken", "interactionToken"]],
  ["linkStates", ["interactionToken"]],
  ["discordTokens", ["accessToken", "refreshToken"]],
] as const;

/**
 * Walks every sealed value and rewrites those `reseal` changes. Each write is conditional on the
 * old value, so a token refreshed meanwhile is left as the refresh wrote it (already current).
 */
export async function resealAll(storage: Storage, reseal: Reseal): Promise<ResealCount> {
  const count: ResealCount = { scanned: 0, resealed: 0 };
  for (const [collection, fields] of SEALED_FIELDS) {
    const model = storage[collection] as unknown as Model<Record<string, unknown>>;
    for await (const doc of model
      .find({}, { discordId: 1, ...Object.fromEntries(fields.map((f) => [f, 1])) })
      .lean()
      .cursor()) {
      const record = doc as Record<string, unknown>;
      for (const field of fields) {
        const sealed = record[field];

        if (typeof sealed !== "string") continue;
        count.scanned += 1;
        const fresh = reseal(String(doc.discordId), sealed);
        if (fresh === null) continue;
        const { modifiedCount } = await model
          .updateOne({ _id: doc._id, [field]: sealed }, { $set: { [field]: fresh } })
          .exec();
        count.resealed += modifiedCount;
      }
    }
  }
  return count;
}
