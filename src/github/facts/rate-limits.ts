import { setTimeout as sleep } from "node:timers/promises";

/** GitHub's rate limit for this token will not reset within the wait the caller allowed. */
export class GitHubRateLimitedError extends Error {
  constructor(readonly resetAt: Date) {
    super(`GitHub rate limit reached until ${resetAt.toISOString()}`);
  }
}

export type Headers = Record<string, string | number | undefined>;

/** How long GitHub asks us to wait, and when its limit lifts on GitHub's clock. */
export interface RateLimitWait {
  waitMs: number;
  resetAt: Date;
}

/** The rate-limit resource a URL counts against (GitHub's `x-ratelimit-resource`). */
export const resourceOf = (url: string): string =>
  /\/search\//.test(url) ? "search" : /\/graphql$/.test(url) ? "graphql" : "core";

// GitHub's advice when a secondary limit names no time: wait at least a minute.
const SECONDARY_DEFAULT_MS = 60_000;

/**
 * Whether a refusal is one of GitHub's rate limits, and the wait it asks for: a 403/429 with
 * `retry-after` (secondary), with `x-ratelimit-remaining: 0` (primary, until
 * `x-ratelimit-reset`), or whose message names a rate limit (secondary, a minute).
 */
export function rateLimitOf(status: number, headers: Headers, message: string): RateLimitWait | null {
  if (status !== 403 && status !== 429) return null;
  if (headers["retry-after"] !== undefined && Number.isFinite(Number(headers["retry-after"]))) {
    return after(Number(headers["retry-after"]) * 1000);
  }
  if (String(headers["x-ratelimit-remaining"]) === "0") return untilReset(headers);
  return /rate limit/i.test(message) ? after(SECONDARY_DEFAULT_MS) : null;
}

/**
 * One member's check against GitHub's limits: an answer leaving `x-ratelimit-remaining` at 0
 * holds the next request of that resource until `x-ratelimit-reset`, and a rate-limit refusal
 * is waited out. A wait longer than `maxWaitMs` throws GitHubRateLimitedError instead.
 */
export function createRateLimitGate(maxWaitMs: number) {
  const held = new Map<string, { until: number; resetAt: Date }>();
  const wait = async ({ waitMs, resetAt }: RateLimitWait): Promise<void> => {
    if (waitMs > maxWaitMs) throw new GitHubRateLimitedError(resetAt);
    if (waitMs > 0) await sleep(waitMs);
  };
  return {
    wait,
    async before(resource: string): Promise<void> {
      const hold = held.get(resource);
      if (!hold) return;
      held.delete(resource);
      await wait({ waitMs: hold.until - Date.now(), resetAt: hold.resetAt });
    },
    after(headers: Headers, resource: string): void {
      if (String(headers["x-ratelimit-remaining"]) !== "0") return;
      const { waitMs, resetAt } = untilReset(headers);
      held.set(String(headers["x-ratelimit-resource"] ?? resource), { until: Date.now() + waitMs, resetAt });
    },
  };
}

export type RateLimitGate = ReturnType<typeof createRateLimitGate>;

const after = (ms: number): RateLimitWait => ({ waitMs: ms, resetAt: new Date(Date.now() + ms) });

/**
 * The wait until `x-ratelimit-reset`, GitHub's clock, measured against GitHub's `date` (whole
 * seconds: it can only make the wait a little longer). Without the header, GitHub's minute.
 */
function untilReset(headers: Headers): RateLimitWait {
  const reset = Number(headers["x-ratelimit-reset"]);
  if (headers["x-ratelimit-reset"] === undefined || !Number.isFinite(reset))
    return after(SECONDARY_DEFAULT_MS);
  const githubNow = Date.parse(String(headers.date ?? "")) || Date.now();
  return { waitMs: Math.max(0, reset * 1000 - githubNow), resetAt: new Date(reset * 1000) };
}
