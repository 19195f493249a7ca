import { createHmac } from "node:crypto";
import type { LinkWebhookPayload } from "../domain/index.ts";

/** Where link events go (`LINK_WEBHOOK_URL`) and what signs them (`LINK_WEBHOOK_SECRET`). */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** A receiver's answer other than 2xx, or none at all: worth another attempt later. */
class WebhookNotAcceptedError extends Error {
  override name = "WebhookNotAcceptedError";
  /** "HTTP 500", "timed out", "unreachable": what the outbox records as the attempt's error. */
  constructor(readonly code: string) {
    super(`link webhook not accepted: ${code}`);
  }
}

const ATTEMPT_TIMEOUT_MS = 10_000;

const signWebhookBody = (secret: string, body: string): string =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/**
 * One attempt at one delivery. `delivery` is the same on every attempt, so a receiver that
 * got an earlier attempt (and answered too late) can tell a retry from a new event.
 */
export async function postLinkWebhook(
  target: WebhookTarget,
  delivery: string,
  payload: LinkWebhookPayload,
): Promise<void> {
  const body = JSON.stringify(payload);
  let res: Response;
  try {
    res = await fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "octolink",
        "x-octolink-event": payload.event,
        "x-octolink-delivery": delivery,
        "x-octolink-signature-256": signWebhookBody(target.secret, body),
      },
      body,
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
  } catch (err) {
    throw new WebhookNotAcceptedError((err as Error).name === "TimeoutError" ? "timed out" : "unreachable");
  }
  await res.body?.cancel();
  if (!res.ok) throw new WebhookNotAcceptedError(`HTTP ${res.status}`);
}
