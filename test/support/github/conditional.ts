import type { MiddlewareHandler } from "hono";
import { createHash } from "node:crypto";
import type { StandInEnv } from "./faults.ts";

/**
 * GitHub's conditional requests: a successful GET carries an ETag of its answer, and the
 * same request with a matching If-None-Match gets 304 Not Modified without a body (which
 * the rate limit does not count, see rate-limits.ts).
 */
export function conditionalGet(): MiddlewareHandler<StandInEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status !== 200 && c.res.status !== 204) return;
    const body = await c.res.clone().text();
    const etag = `W/"${createHash("sha256").update(`${c.res.status} ${body}`).digest("hex").slice(0, 40)}"`;
    const sent = c.req.header("if-none-match");
    if (sent && sent.split(",").some((tag) => tag.trim() === etag)) {
      c.res = new Response(null, { status: 304, headers: { etag } });
      return;
    }
    c.res.headers.set("etag", etag);
  };
}
