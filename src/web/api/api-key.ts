import type { MiddlewareHandler } from "hono";
import { createHash, timingSafeEqual } from "node:crypto";
import type { ApiKey } from "../../config-lookup.ts";
import { ApiKeyRequiredError, ApiRateLimitedError } from "../../errors/index.ts";

const WINDOW_MS = 60_000;

// Digests have one length whatever was sent, so comparing them leaks neither length nor content.
const digest = (value: string) => createHash("sha256").update(value).digest();

/** Which key the request carries, comparing against every key in constant time. */
export function findApiKey(keys: readonly ApiKey[], authorization: string | undefined): ApiKey | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization ?? "");
  const sent = digest(match?.[1] ?? "");
  let found: ApiKey | undefined;
  for (const key of keys) if (timingSafeEqual(digest(key.secret), sent) && match) found = key;
  return found;
}

/**
 * `Authorization: Bearer <secret>` with one of API_KEYS, then `ratePerMinute` requests per key
 * in a one-minute window (in memory, per process), 429 with Retry-After past it.
 */
export function requireApiKey(api: { keys: readonly ApiKey[]; ratePerMinute: number }): MiddlewareHandler {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return async (c, next) => {
    const key = findApiKey(api.keys, c.req.header("authorization"));
    if (!key) throw new ApiKeyRequiredError();
    const now = Date.now();
    let window = windows.get(key.name);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      windows.set(key.name, window);
    }
    if (window.count >= api.ratePerMinute)
      throw new ApiRateLimitedError(Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    window.count += 1;
    c.header("X-RateLimit-Limit", String(api.ratePerMinute));
    c.header("X-RateLimit-Remaining", String(api.ratePerMinute - window.count));
    await next();
  };
}
