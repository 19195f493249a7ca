import type { Context } from "hono";

/**
 * The token endpoint's parameters. GitHub takes them from the query string (its refresh docs
 * use that) or from the body, form-encoded or JSON (what @octokit/oauth-methods sends).
 */
export async function readOAuthParams(c: Context): Promise<Record<string, string>> {
  const params: Record<string, string> = { ...c.req.query() };
  const body = await readBody(c);
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string") params[name] = value;
  }
  return params;
}

/** A JSON body of the API's endpoints, or null when absent or not an object. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await c.req.json();
    return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (type.includes("application/json")) return (await readJsonObject(c)) ?? {};
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    return await c.req.parseBody();
  }
  return {};
}
