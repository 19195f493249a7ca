import type { Context } from "hono";

/**
 * The token endpoint answers form-encoded unless the client asks for JSON, and always with
 * HTTP 200, errors included, as GitHub does.
 */
export function respondOAuth(c: Context, body: Record<string, string | number>): Response {
  if ((c.req.header("accept") ?? "").includes("application/json")) return c.json(body, 200);
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) form.set(name, String(value));
  return c.body(form.toString(), 200, {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
  });
}
