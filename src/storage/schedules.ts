import type { Storage } from "./storage.ts";

/**
 * True for exactly one caller per due run: the one whose atomic update moves `nextRunAt` on
 * by `intervalMs`. A schedule seen for the first time is due one interval from now.
 */
export async function claimScheduledRun(
  storage: Storage,
  name: string,
  intervalMs: number,
  owner: string,
  now = new Date(),
): Promise<boolean> {
  const next = new Date(now.getTime() + intervalMs);
  await storage.schedules
    .updateOne({ _id: name }, { $setOnInsert: { nextRunAt: next, lastRunBy: null } }, { upsert: true })
    .exec()
    .catch((err: { code?: number }) => {
      // Two processes creating it at once: the other one's insert stands.
      if (err.code !== 11000) throw err;
    });
  const claimed = await storage.schedules
    .updateOne({ _id: name, nextRunAt: { $lte: now } }, { $set: { nextRunAt: next, lastRunBy: owner } })
    .exec();
  return claimed.modifiedCount === 1;
}
