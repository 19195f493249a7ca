import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { Config } from "../config.ts";
import { TooManyRequestsError } from "../errors/index.ts";

const WINDOW_MS = 60_000;
const MAX_TRACKED_CLIENTS = 50_000;

interface Window {
  startedAt: number;
  refused: number;
}

/**
 * Counts the sign-in requests each client address got refused (4xx) in a one-minute window and
 * answers 429 past the limit. Guessing states or codes is all refusals, while members who link
 * succeed, so a campus behind one address or a reverse proxy without TRUST_PROXY is not
 * throttled for normal use. In memory per process: no database round trip per request.
 */
export function limitPerClient(config: Config): MiddlewareHandler {
  const windows = new Map<string, Window>();
  return async (c, next) => {
    const now = Date.now();
    const key = clientAddress(c, config.trustProxy);
    let window = windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      if (windows.size >= MAX_TRACKED_CLIENTS) sweepExpired(windows, now);
      window = { startedAt: now, refused: 0 };
      windows.set(key, window);
    }
    if (window.refused >= config.limits.httpPerClient) {
      throw new TooManyRequestsError(Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    }
    await next();
    if (c.res.status >= 400 && c.res.status < 500) window.refused += 1;
  };
}

function sweepExpired(windows: Map<string, Window>, now: number): void {
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
