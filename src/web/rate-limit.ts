import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { Config } from "../config.ts";
import { TooManyRequestsError } from "../errors.ts";

const WINDOW_MS = 60_000;
const MAX_TRACKED_CLIENTS = 50_000;

/**
 * A fixed one-minute window per client address, in this process's memory: it blunts a script
 * hammering the sign-in pages without a database round trip per request. With several
 * processes behind a balancer each counts on its own, which only makes the limit looser.
 */
export function limitPerClient(config: Config): MiddlewareHandler {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return async (c, next) => {
    const now = Date.now();
    const key = clientAddress(c, config.trustProxy);
    let window = windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      if (windows.size >= MAX_TRACKED_CLIENTS) sweepExpired(windows, now);
      window = { startedAt: now, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > config.limits.httpPerClient) {
      throw new TooManyRequestsError(Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));

    }
    await next();
  };
}

function sweepExpired(windows: Map<string, { startedAt: number }>, now: number): void {
  for (const [key, window] of windows) if (now - window.startedAt >= WINDOW_MS) windows.delete(key);
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
