import type { Context, MiddlewareHandler } from "hono";
import { readTokenAuth } from "./auth-header.ts";
import type { StandInEnv } from "./faults.ts";
import { now, type State } from "./state.ts";
import { findValidAccessToken } from "./tokens.ts";

/** GitHub's rate-limit resources the stand-in meters (x-ratelimit-resource). */
export type RateResource = "core" | "search" | "graphql";

export interface RateLimits {
  budgets: Record<RateResource, { limit: number; windowMs: number }>;
  /** `${userId} ${resource}` → the current window. */
  windows: Map<string, { startedAt: number; used: number }>;
  /** Secondary limits to answer next, each with its retry-after in seconds. */
  secondary: number[];
}

const HOUR = 3_600_000;
// GitHub's documented budgets for a user: 5,000 an hour (REST and GraphQL points), 30
// searches a minute.
export const createRateLimits = (): RateLimits => ({
  budgets: {
    core: { limit: 5000, windowMs: HOUR },
    search: { limit: 30, windowMs: 60_000 },
    graphql: { limit: 5000, windowMs: HOUR },
  },
  windows: new Map(),
  secondary: [],
});

const DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

/**
 * Meters the requests of a token's user (GitHub's limit is per user, shared by all their
 * tokens) against the resource's budget and reports it in x-ratelimit-* headers. A 304 is
 * not counted. An exhausted budget is refused as GitHub does: 403 with its message (GraphQL:
 * 200 with a RATE_LIMITED error), x-ratelimit-remaining 0 and the reset time.
 */
export function limitRate(state: State, resource: RateResource): MiddlewareHandler<StandInEnv> {
  return async (c, next) => {
    const token = readTokenAuth(c.req.header("authorization"));
    const userId = token === null ? null : (findValidAccessToken(state, token)?.userId ?? null);
    // Unauthenticated and bad-credential requests get the route's own 401.
    if (userId === null) return next();
    const retryAfter = state.rateLimits.secondary.shift();
    if (retryAfter !== undefined) return secondaryLimit(retryAfter);
    const window = currentWindow(state, userId, resource);
    const { limit, windowMs } = state.rateLimits.budgets[resource];
    const headers = () => rateHeaders(resource, limit, window, window.startedAt + windowMs);
    if (window.used >= limit) return exceeded(c, resource, userId, headers());
    await next();
    if (c.res.status !== 304) window.used += 1;
    for (const [name, value] of Object.entries(headers())) c.res.headers.set(name, value);
  };
}

function currentWindow(state: State, userId: number, resource: RateResource) {
  const key = `${userId} ${resource}`;
  const at = now(state);
  const window = state.rateLimits.windows.get(key);
  if (window && at < window.startedAt + state.rateLimits.budgets[resource].windowMs) return window;
  const fresh = { startedAt: at, used: 0 };
  state.rateLimits.windows.set(key, fresh);
  return fresh;
}

const rateHeaders = (resource: RateResource, limit: number, window: { used: number }, resetAt: number) => ({
  "x-ratelimit-limit": String(limit),
  "x-ratelimit-remaining": String(Math.max(0, limit - window.used)),
  "x-ratelimit-reset": String(Math.ceil(resetAt / 1000)),
  "x-ratelimit-used": String(window.used),
  "x-ratelimit-resource": resource,
});

function exceeded(
  c: Context<StandInEnv>,
  resource: RateResource,
  userId: number,
  headers: Record<string, string>,
) {
  const message = `API rate limit exceeded for user ID ${userId}.`;
  if (resource === "graphql") return c.json({ errors: [{ type: "RATE_LIMITED", message }] }, 200, headers);
  return c.json(
    {
      message: `${message} If you reach out to GitHub Support for help, please include the request ID.`,
      documentation_url: DOCS,
      status: "403",
    },
    403,
    headers,
  );
}

const secondaryLimit = (retryAfterSec: number) =>
  Response.json(
    {
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
      documentation_url: `${DOCS}#about-secondary-rate-limits`,
      status: "403",
    },
    { status: 403, headers: { "retry-after": String(retryAfterSec) } },
  );
