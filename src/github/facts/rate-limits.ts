import { setTimeout as sleep } from "node:timers/promises";

/** GitHub's rate limit for this token will not reset within the wait the caller allowed. */
export class GitHubRateLimitedError extends Error {
  constructor(readonly resetAt: Date) {
    super(`GitHub rate limit reached until ${resetAt.toISOString()}`);
  }
}

export type Headers = Record<string, string | number | undefined>;

/** The rate-limit resource a URL counts against (GitHub's `x-ratelimit-resource`). */
export const resourceOf = (url: string): string =>
  /\/search\//.test(url) ? "search" : /\/graphql$/.test(url) ? "graphql" : "core";

// GitHub's advice when a secondary limit names no time: wait at least a minute.
const SECONDARY_DEFAULT_MS = 60_000;

/**
 * One member's check against GitHub's limits: an answer leaving `x-ratelimit-remaining` at 0
 * holds the next request of that resource until `x-ratelimit-reset`; a 403/429 for a primary
 * or secondary limit is waited out and retried. A wait longer than `maxWaitMs` gives up with
 * GitHubRateLimitedError instead.
 */
export function createRateLimitGate(maxWaitMs: number) {
  const heldUntil = new Map<string, { until: number; resetAt: Date }>();

  const waitOrGiveUp = async (waitMs: number, resetAt: Date) => {
    if (waitMs > maxWaitMs) throw new GitHubRateLimitedError(resetAt);
    if (waitMs > 0) await sleep(waitMs);
  };

  return {
    async before(resource: string): Promise<void> {
      const held = heldUntil.get(resource);
      if (!held) return;
      heldUntil.delete(resource);
      await waitOrGiveUp(held.until - Date.now(), held.resetAt);
    },

    after(headers: Headers, resource: string): void {
      if (String(headers["x-ratelimit-remaining"]) !== "0") return;
      const reset = untilReset(headers);
      if (reset) heldUntil.set(String(headers["x-ratelimit-resource"] ?? resource), reset);
    },

    /** Whether a refusal was a rate limit, now waited out (retry); false for any other refusal. */
    async refused(status: number, headers: Headers, message: string): Promise<boolean> {
      if (status !== 403 && status !== 429) return false;
      const retryAfter = Number(headers["retry-after"]);
      const reset = untilReset(headers);
      if (Number.isFinite(retryAfter) && headers["retry-after"] !== undefined) {
        await waitOrGiveUp(retryAfter * 1000, new Date(Date.now() + retryAfter * 1000));
      } else if (String(headers["x-ratelimit-remaining"]) === "0" && reset) {
        await waitOrGiveUp(reset.until - Date.now(), reset.resetAt);
      } else if (/rate limit/i.test(message)) {
        await waitOrGiveUp(SECONDARY_DEFAULT_MS, new Date(Date.now() + SECONDARY_DEFAULT_MS));
      } else return false;
      return true;
    },
  };
}

export type RateLimitGate = ReturnType<typeof createRateLimitGate>;

/**
 * When the window resets, on our clock: `x-ratelimit-reset` is GitHub's clock, so the wait is
 * measured against GitHub's `date` (whole seconds: it can only make the wait a little longer).
 */
function untilReset(headers: Headers): { until: number; resetAt: Date } | null {
  const reset = Number(headers["x-ratelimit-reset"]);
  if (!Number.isFinite(reset) || headers["x-ratelimit-reset"] === undefined) return null;
  const githubNow = Date.parse(String(headers.date ?? "")) || Date.now();
  return { until: Date.now() + Math.max(0, reset * 1000 - githubNow), resetAt: new Date(reset * 1000) };
}
