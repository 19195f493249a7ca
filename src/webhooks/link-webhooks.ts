import { createHmac, randomUUID } from "node:crypto";
import type { Logger } from "../log.ts";

export type LinkWebhookEvent = "link.created" | "link.removed" | "link.needs_relink";

/** The JSON body of a delivery; `at` is when the change happened (ISO 8601). */
export interface LinkWebhookPayload {
  event: LinkWebhookEvent;
  discordId: string;
  githubId: number;
  githubLogin: string;
  at: string;
}

/**
 * Where link events go out. In memory for now: a delivery still being retried when the process
 * stops is lost (the durable outbox will carry these once it exists).
 */
export interface WebhookQueue {
  enqueueWebhook(payload: LinkWebhookPayload): void;
  /** Stops retrying; returns how many deliveries were still undelivered. */
  stop(): number;
}

export interface WebhookQueueOptions {
  url: string;
  secret: string;
  log: Logger;
  firstRetryMs?: number;
  maxRetryMs?: number;
}

const ATTEMPT_TIMEOUT_MS = 10_000;

export const signWebhookBody = (secret: string, body: string): string =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

export const disabledWebhookQueue: WebhookQueue = { enqueueWebhook: () => undefined, stop: () => 0 };

/** POSTs each event until the receiver answers 2xx, waiting twice as long after each failure. */
export function createWebhookQueue(opts: WebhookQueueOptions): WebhookQueue {
  const firstRetryMs = opts.firstRetryMs ?? 1_000;
  const maxRetryMs = opts.maxRetryMs ?? 10 * 60_000;
  const waiting = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  async function attempt(delivery: string, body: string, event: LinkWebhookEvent, tries: number) {
    waiting.delete(delivery);
    if (stopped) return;
    let outcome: string;
    try {
      const res = await fetch(opts.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "octolink",
          "x-octolink-event": event,
          "x-octolink-delivery": delivery,
          "x-octolink-signature-256": signWebhookBody(opts.secret, body),
        },
        body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      await res.body?.cancel();
      if (res.ok) return;
      outcome = `HTTP ${res.status}`;
    } catch (err) {
      outcome = (err as Error).name === "TimeoutError" ? "timed out" : "unreachable";
    }
    if (stopped) return;
    const delayMs = Math.min(maxRetryMs, firstRetryMs * 2 ** (tries - 1));
    opts.log.warn(
      { delivery, event, outcome, tries, retryInMs: delayMs },
      "link webhook not accepted; will retry",
    );
    waiting.set(
      delivery,
      setTimeout(() => void attempt(delivery, body, event, tries + 1), delayMs),
    );
  }

  return {
    enqueueWebhook(payload) {
      if (stopped) return;
      const delivery = randomUUID();
      void attempt(delivery, JSON.stringify(payload), payload.event, 1);
    },
    stop() {
      stopped = true;
      for (const timer of waiting.values()) clearTimeout(timer);
      const undelivered = waiting.size;
      waiting.clear();
      if (undelivered > 0)
        opts.log.warn(
          { undelivered },
          "stopping with link webhook deliveries still being retried; they are lost",
        );
      return undelivered;
    },
  };
}
