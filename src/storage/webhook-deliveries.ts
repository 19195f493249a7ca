import type { Storage } from "./storage.ts";

// GitHub redelivers on request for 3 days; a replay after this is still judged by its time.
const KEEP_MS = 14 * 24 * 60 * 60 * 1000;

/** Records a delivery id; false when it was seen before (the unique _id settles races). */
export async function recordWebhookDelivery(
  storage: Storage,
  id: string,
  now = new Date(),
): Promise<boolean> {
  try {
    await storage.webhookDeliveries.create({
      _id: id,
      receivedAt: now,
      expiresAt: new Date(now.getTime() + KEEP_MS),
    });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false;
    throw err;
  }
}

/** For a delivery that failed half-way: GitHub's retry must not be taken for a replay. */
export async function forgetWebhookDelivery(storage: Storage, id: string): Promise<void> {
  await storage.webhookDeliveries.deleteOne({ _id: id }).exec();
}
