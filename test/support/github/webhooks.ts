import { createHmac, randomBytes } from "node:crypto";

/** The X-Hub-Signature-256 value GitHub sends: HMAC-SHA256 of the raw body, in hex. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * A delivery id as GitHub makes them: a version 1 UUID, which holds the time it was made
 * (100 ns ticks since 1582-10-15), a random clock sequence and node.
 */
export function deliveryIdAt(at: number): string {
  const ticks = (BigInt(at) + 12_219_292_800_000n) * 10_000n;
  const hex = ticks.toString(16).padStart(15, "0");
  const random = randomBytes(8);
  random[0] = ((random[0] ?? 0) & 0x3f) | 0x80;
  const tail = random.toString("hex");
  return `${hex.slice(7)}-${hex.slice(3, 7)}-1${hex.slice(0, 3)}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}

/**
 * Delivers a webhook as GitHub does. Without a secret there is no signature header, as with a
 * webhook configured without one.
 */
export async function sendWebhook(
  targetUrl: string,
  delivery: { event: string; payload: unknown; secret?: string; deliveryId?: string },
): Promise<Response> {
  const body = JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/stand-in",
    "x-github-event": delivery.event,
    "x-github-delivery": delivery.deliveryId ?? deliveryIdAt(Date.now()),
  };
  if (delivery.secret !== undefined) {
    headers["x-hub-signature-256"] = signWebhook(delivery.secret, body);
  }
  return await fetch(targetUrl, { method: "POST", headers, body });
}
