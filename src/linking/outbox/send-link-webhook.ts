import type { OutboxJob } from "../../storage/index.ts";
import { postLinkWebhook } from "../../webhooks/link-webhooks.ts";
import type { PerformDeps } from "./perform-job.ts";

type LinkWebhookJob = Extract<OutboxJob, { kind: "link_webhook" }>;

/** One attempt; anything but a 2xx throws, and the outbox tries again (see its retry policy). */
export async function sendLinkWebhook(deps: PerformDeps, job: LinkWebhookJob) {
  if (!deps.linkWebhook) {
    deps.log.warn(
      { delivery: job.delivery, event: job.payload.event },
      "a link webhook was queued, but this worker has no LINK_WEBHOOK_URL: dropped",
    );
    return { sent: false };
  }
  await postLinkWebhook(deps.linkWebhook, job.delivery, job.payload);
  return { sent: true };
}
