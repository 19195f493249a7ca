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

/** Counts one request against a key's window shared by every web replica; resolves to that window. */
export type CountKeyHit = (
  keyName: string,
  window: { at: number; ms: number },
) => Promise<{ count: number; resetAt: Date }>;

/**
 * `Authorization: Bearer <secret>` with one of API_KEYS, then `ratePerMinute` requests per key
 * in a one-minute window counted in MongoDB (so N replicas do not give a key N times the
 * budget), 429 with Retry-After past it.
 */
export function requireApiKey(
  api: { keys: readonly ApiKey[]; ratePerMinute: number },
  countKeyHit: CountKeyHit,
): MiddlewareHandler {
  return async (c, next) => {
    const key = findApiKey(api.keys, c.req.header("authorization"));
    if (!key) throw new ApiKeyRequiredError();
    const now = Date.now();
    const window = await countKeyHit(key.name, { at: now, ms: WINDOW_MS });
    if (window.count > api.ratePerMinute)
      throw new ApiRateLimitedError(Math.max(1, Math.ceil((window.resetAt.getTime() - now) / 1000)));
    c.header("X-RateLimit-Limit", String(api.ratePerMinute));
    c.header("X-RateLimit-Remaining", String(api.ratePerMinute - window.count));
    await next();
  };
}
