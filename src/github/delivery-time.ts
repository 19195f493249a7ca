// UUID version 1 counts 100 ns ticks since 1582-10-15, the Gregorian calendar's start.
const GREGORIAN_OFFSET_MS = 12_219_292_800_000;
const UUID_V1 = /^([0-9a-f]{8})-([0-9a-f]{4})-1([0-9a-f]{3})-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * When GitHub sent an event. The `github_app_authorization` payload carries no time (only
 * `action` and `sender`) and GitHub sends no date header, but X-GitHub-Delivery is a version 1
 * UUID, which holds the time it was made (GitHub's delivery log shows the same instant); it stays
 * the same on redelivery. Any other id counts from when it arrived. Never later than that.
 */
export function deliverySentAt(deliveryId: string, receivedAt: Date): Date {
  const parts = UUID_V1.exec(deliveryId);
  if (!parts) return receivedAt;
  const [, low = "", mid = "", high = ""] = parts;
  const ticks = BigInt(`0x${high}${mid}${low}`);
  const sentAt = Number(ticks / 10_000n) - GREGORIAN_OFFSET_MS;
  return new Date(Math.min(sentAt, receivedAt.getTime()));
}
