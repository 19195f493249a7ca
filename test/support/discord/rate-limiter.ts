import { createHash } from "node:crypto";

export interface RateLimitRequest {
  method: string;
  /** Route pattern, e.g. /channels/:channelId/messages. */
  pattern: string;
  majorParameter: string;
  /** Whose global budget the request spends (the bot token); exempt routes pass undefined. */
  globalKey: string | undefined;
  /** Bucket size: routes with a major parameter get the (smaller) per-resource limit. */
  bucket: { limit: number; windowMs: number };
}

export interface RateLimitRejection {
  retryAfterMs: number;
  global: boolean;
}

export interface RateLimitDecision {
  headers: Record<string, string>;
  rejection?: RateLimitRejection;
}

interface Bucket {
  limit: number;
  remaining: number;
  resetAt: number;
}

interface Window {
  count: number;
  resetAt: number;
  /** Set by an injected global 429: nothing passes until then, as on Discord. */
  blockedUntil: number;
}

export interface RateLimiter {
  admit(request: RateLimitRequest): RateLimitDecision;
  inject(rejection: RateLimitRejection, times: number): void;
}

// Fixed windows like discord.js's own bookkeeping, so a client that follows the headers
// is never refused; one that ignores them gets 429s.
export function createRateLimiter(globalPerSecond: number): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const windows = new Map<string, Window>();
  const injected: RateLimitRejection[] = [];

  function currentBucket(request: RateLimitRequest, now: number): Bucket {
    const key = `${request.method} ${request.pattern} ${request.majorParameter}`;
    let bucket = buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      const { limit, windowMs } = request.bucket;
      bucket = { limit, remaining: limit, resetAt: now + windowMs };
      buckets.set(key, bucket);
    }
    return bucket;
  }

  function currentWindow(key: string, now: number): Window {
    let window = windows.get(key);
    if (!window) {
      window = { count: 0, resetAt: now + 1000, blockedUntil: 0 };
      windows.set(key, window);
    } else if (window.resetAt <= now) {
      window.count = 0;
      window.resetAt = now + 1000;
    }
    return window;
  }

  return {
    admit(request) {
      const now = Date.now();
      const bucket = currentBucket(request, now);
      const window = request.globalKey ? currentWindow(request.globalKey, now) : undefined;
      const headers = () => bucketHeaders(request, bucket, now);

      const forced = injected.shift();
      if (forced) {
        // The limit stays in force for retry_after, so a client retrying early is refused again.
        if (forced.global && window) window.blockedUntil = now + forced.retryAfterMs;
        if (!forced.global) {
          // As if the bucket ran dry: a fresh window opens once retry_after has passed.
          bucket.remaining = 0;
          bucket.resetAt = now + forced.retryAfterMs;
        }
        return { headers: forced.global ? {} : headers(), rejection: forced };
      }
      if (window && window.blockedUntil > now) {
        return {
          headers: {},
          rejection: { retryAfterMs: window.blockedUntil - now, global: true },
        };
      }
      if (window && window.count >= globalPerSecond) {
        return { headers: {}, rejection: { retryAfterMs: window.resetAt - now, global: true } };
      }
      if (bucket.remaining <= 0) {
        return {
          headers: headers(),
          rejection: { retryAfterMs: bucket.resetAt - now, global: false },
        };
      }
      bucket.remaining -= 1;
      if (window) window.count += 1;
      return { headers: headers() };
    },
    inject(rejection, times) {
      for (let i = 0; i < times; i += 1) injected.push(rejection);
    },
  };
}

function bucketHeaders(request: RateLimitRequest, bucket: Bucket, now: number) {
  return {
    "X-RateLimit-Limit": String(bucket.limit),
    "X-RateLimit-Remaining": String(Math.max(0, bucket.remaining)),
    "X-RateLimit-Reset": (bucket.resetAt / 1000).toFixed(3),
    "X-RateLimit-Reset-After": (Math.max(0, bucket.resetAt - now) / 1000).toFixed(3),
    "X-RateLimit-Bucket": createHash("sha1")
      .update(`${request.method} ${request.pattern}`)
      .digest("hex")
      .slice(0, 32),
  };
}

/** Discord's 429: body and headers, retry_after in (fractional) seconds. */
export function rateLimitedReply(decision: RateLimitDecision & { rejection: RateLimitRejection }) {
  const { retryAfterMs, global } = decision.rejection;
  const seconds = Math.ceil(retryAfterMs) / 1000;
  const headers: Record<string, string> = {
    ...decision.headers,
    "Retry-After": String(seconds),
    "X-RateLimit-Scope": global ? "global" : "user",
  };
  if (global) headers["X-RateLimit-Global"] = "true";
  return {
    status: 429,
    headers,
    // code 0 (general error), which Discord documents as optional and its description requires.
    body: { message: "You are being rate limited.", retry_after: seconds, global, code: 0 },
  };
}
