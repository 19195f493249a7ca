import { createHmac, randomUUID } from "node:crypto";
import { checkWebhookPayload } from "../api-descriptions/index.ts";

/** The X-Hub-Signature-256 value GitHub sends: HMAC-SHA256 of the raw body, in hex. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * Delivers a webhook as GitHub does; the payload is held to GitHub's schema for the event. Without a secret there is no signature header, as with a
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
    "x-github-delivery": delivery.deliveryId ?? randomUUID(),
  };
  if (delivery.secret !== undefined) {
    headers["x-hub-signature-256"] = signWebhook(delivery.secret, body);
  }
  const response = await fetch(targetUrl, { method: "POST", headers, body });
  // After the delivery: the first check loads the schemas, which must not hold up the request.
  checkWebhookPayload(delivery.event, delivery.payload);
  return response;
}
