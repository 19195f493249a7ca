import { deliverySentAt } from "../github/index.ts";
import { forgetWebhookDelivery, recordWebhookDelivery } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

export type DeliveryOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * A signed delivery can be captured and sent again: each X-GitHub-Delivery id is acted on once
 * (kept in a TTL collection), and `handle` learns when GitHub sent it. A delivery that fails
 * half-way is forgotten, so GitHub's retry is not taken for a replay.
 */
export async function handleDeliveryOnce<T>(
  deps: LinkingDeps,
  deliveryId: string,
  handle: (sentAt: Date) => Promise<T>,
): Promise<DeliveryOutcome<T>> {
  const receivedAt = new Date();
  if (!(await recordWebhookDelivery(deps.storage, deliveryId, receivedAt))) return { duplicate: true };
  try {
    return { duplicate: false, result: await handle(deliverySentAt(deliveryId, receivedAt)) };
  } catch (err) {
    await forgetWebhookDelivery(deps.storage, deliveryId);
    throw err;
  }
}
