import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { Config } from "../config.ts";
import { TooManyRequestsError } from "../errors/index.ts";
import { countSharedHits, type LinkingDeps } from "../linking/index.ts";

const WINDOW_MS = 60_000;
const MAX_TRACKED_CLIENTS = 50_000;
const SHARE_DELAY_MS = 100;

interface Window {
  startedAt: number;
  refused: number;
  /** Refusals not yet added to the shared count; one write in flight per address at a time. */
  unshared: number;
  sharing: boolean;
}

/**
 * Counts the sign-in requests each client address got refused (4xx) in a one-minute window and
 * answers 429 past the limit. Guessing states or codes is all refusals, while members who link
 * succeed, so a campus behind one address or a reverse proxy without TRUST_PROXY is not
 * throttled for normal use.
 *
 * Each refusal is also added to a counter in MongoDB that every web replica shares, after the
 * answer is sent (a request that succeeds costs no round trip); the shared total raises this
 * replica's count, so an address spreading its guesses over N replicas is held to the limit,
 * give or take the refusals of the last tenth of a second.
 */
export function limitPerClient(config: Config, deps: Pick<LinkingDeps, "storage">): MiddlewareHandler {
  const windows = new Map<string, Window>();
  const windowOf = (key: string, now: number): Window => {
    const startedAt = now - (now % WINDOW_MS);
    let window = windows.get(key);
    if (!window || window.startedAt !== startedAt) {
      if (windows.size >= MAX_TRACKED_CLIENTS) sweepExpired(windows, startedAt);
      window = { startedAt, refused: 0, unshared: 0, sharing: false };
      windows.set(key, window);
    }
    return window;
  };
  return async (c, next) => {
    const now = Date.now();
    const key = clientAddress(c, config.trustProxy);
    const window = windowOf(key, now);
    if (window.refused >= config.limits.httpPerClient) {
      throw new TooManyRequestsError(Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    }
    await next();
    if (c.res.status < 400 || c.res.status >= 500) return;
    window.refused += 1;
    window.unshared += 1;
    if (!window.sharing) void share(key, window);
  };

  async function share(key: string, window: Window): Promise<void> {
    window.sharing = true;
    // A burst of refusals from one address becomes one write.
    await new Promise((resolve) => setTimeout(resolve, SHARE_DELAY_MS).unref());
    while (window.unshared > 0) {
      const hits = window.unshared;
      window.unshared = 0;
      try {
        const shared = await countSharedHits(deps, {
          key: `refused:${key}`,
          windowMs: WINDOW_MS,
          at: window.startedAt,
          hits,
        });
        window.refused = Math.max(window.refused, shared.count);
      } catch {
        break; // MongoDB away: this replica's own count still holds.
      }
    }
    window.sharing = false;
  }
}

function sweepExpired(windows: Map<string, Window>, current: number): void {
  for (const [key, window] of windows) if (window.startedAt < current) windows.delete(key);
}

function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket; everyone there is one client.
    return "local";
  }
}
