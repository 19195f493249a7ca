import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { BadRequestError } from "../errors/index.ts";
import { MAX_FORM_BYTES } from "./params.ts";

/**
 * Refuses a form larger than MAX_FORM_BYTES before it is read. A body with a Content-Length
 * (every browser's form post) is judged by that header alone: Hono's `bodyLimit` asks for the
 * request's stream, which makes the Node adapter build a whole WHATWG Request and stream the body
 * through it on every post (issue 16), where reading it directly is a fraction of the cost. A
 * chunked body, whose length is known only by reading it, still goes through `bodyLimit`.
 */
export function limitFormSize(): MiddlewareHandler {
  const tooLarge = () => {
    throw new BadRequestError("The form is too large.");
  };
  const streamed = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: tooLarge });
  return async (c, next) => {
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return streamed(c, next);
    if (!/^\d+$/.test(length) || Number(length) > MAX_FORM_BYTES) tooLarge();
    await next();
  };
}
