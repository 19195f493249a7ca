import type { Context } from "hono";
import { type AppError, TooManyRequestsError, toAppError } from "../errors/index.ts";
import type { Logger } from "../log.ts";
import type { Markup } from "./pages/layout.ts";
import { errorPage } from "./pages/pages.ts";

/** API callers ask for JSON, and webhooks and the lookup API serve only machines; browsers get a page. */
const wantsJson = (c: Context): boolean => {
  if (c.req.path.startsWith("/webhooks/") || c.req.path.startsWith("/api/v1/")) return true;
  const accept = c.req.header("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
};

/**
 * A page, handed to Hono as a plain string: `html` makes a String object, which
 * @hono/node-server's lightweight Response cannot keep, so reading the status or setting a
 * header after it (the limiter, the security headers) built a whole WHATWG Response and streamed
 * the page through it (issue 16). Our pages carry no async parts or callbacks to resolve.
 */
export const sendPage = (c: Context, markup: Markup) =>
  markup instanceof Promise ? markup.then((page) => c.html(`${page}`)) : c.html(`${markup}`);

/** The same answer as JSON for API callers or as a page for browsers; the page is rendered only when wanted. */
export const answer = (c: Context, json: object, page: () => Markup) =>
  wantsJson(c) ? c.json(json) : sendPage(c, page());

export function respondWithError(c: Context, error: AppError) {
  c.status(error.status as 400);
  if (error instanceof TooManyRequestsError) c.header("Retry-After", String(error.retryAfterSec));
  return answer(c, { error: error.code, message: error.message }, () => errorPage(error));
}

/** The one place an exception becomes a response: known errors as they are, the rest as a 500 without details. */
export function handleError(log: Logger) {
  return (err: Error, c: Context) => {
    const known = toAppError(err);
    if (known.status >= 500) log.error({ err, path: c.req.path }, "request failed");
    return respondWithError(c, known);
  };
}
