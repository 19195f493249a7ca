import type { Storage } from "./storage.ts";

export interface RateWindow {
  /** Hits in this window so far, this one included, counted by every replica. */
  count: number;
  resetAt: Date;
}

/**
 * Adds `hits` to `key`'s current fixed window and returns the window: one upsert, atomic on
 * the server, so replicas never lose each other's counts. The TTL index removes old windows.
 */
export async function countHit(
  storage: Storage,
  key: string,
  windowMs: number,
  now = Date.now(),
  hits = 1,
): Promise<RateWindow> {
  const startedAt = now - (now % windowMs);
  const resetAt = new Date(startedAt + windowMs);
  const hit = () =>
    storage.rateCounters.findOneAndUpdate(
      { key: `${key}@${startedAt}` },
      { $inc: { count: hits }, $setOnInsert: { expiresAt: resetAt } },
      { upsert: true, returnDocument: "after", projection: { count: 1 }, lean: true },
    );
  // Two replicas opening the same window can both insert; the loser's retry finds the winner's.
  const window = await hit().catch((err: { code?: number }) => {
    if (err?.code === 11000) return hit();
    throw err;
  });
  return { count: (window as { count?: number } | null)?.count ?? hits, resetAt };
}
