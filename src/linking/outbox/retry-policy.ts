import type { ClaimedJob, OutboxJob } from "../../storage/index.ts";

/** How long a failing job keeps being tried: waits double from 1 s up to `maxDelayMs`. */
export interface RetryPolicy {
  maxDelayMs: number;
  /** Recorded as failed after this many attempts... */
  maxAttempts?: number;
  /** ...or once this long has passed since the job was written. */
  maxAgeMs?: number;
}

const HOUR_MS = 60 * 60 * 1000;

/** Discord messages: a few minutes' outage is waited out; past that the moment has passed. */
const DEFAULT_RETRY: RetryPolicy = { maxDelayMs: 5 * 60 * 1000, maxAttempts: 8 };

/**
 * Outgoing webhooks are retried until a 2xx: an operator's receiver may be down for a deploy,
 * a weekend. Hourly (at most) for 3 days, about 80 attempts, then recorded as failed.
 */
const UNTIL_ACCEPTED: RetryPolicy = { maxDelayMs: HOUR_MS, maxAgeMs: 72 * HOUR_MS };

export const retryPolicyOf = (job: OutboxJob): RetryPolicy =>
  job.kind === "link_webhook" ? UNTIL_ACCEPTED : DEFAULT_RETRY;

/** The wait before the next attempt, with jitter so a recovered service is not hit all at once. */
export const retryDelayMs = (policy: RetryPolicy, attempts: number): number =>
  Math.min(policy.maxDelayMs, 1000 * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2);

/** Whether a failed attempt was the last: its policy's attempts or age ran out. */
export function isLastAttempt(policy: RetryPolicy, claim: ClaimedJob, now = Date.now()): boolean {
  if (policy.maxAttempts !== undefined && claim.attempts >= policy.maxAttempts) return true;
  return policy.maxAgeMs !== undefined && now - claim.createdAt.getTime() >= policy.maxAgeMs;
}
