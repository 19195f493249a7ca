import { createHmac, timingSafeEqual } from "node:crypto";

/** GitHub's X-Hub-Signature-256: `sha256=` and the hex HMAC-SHA256 of the raw body. */
export function isValidWebhookSignature(
  secret: string,
  body: Uint8Array,
  header: string | undefined,
): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], "hex"));
}
