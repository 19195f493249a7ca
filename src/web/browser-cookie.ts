import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createHash, randomBytes } from "node:crypto";
import type { Config } from "../config.ts";

const COOKIE = "octolink_browser";
const MAX_AGE_SECONDS = 30 * 60;

/**
 * A random id for this browser, kept in an HttpOnly cookie, that ties the GitHub step to the
 * confirmation. SameSite=Lax: it must come along on GitHub's and Discord's redirects back (top-
 * level GETs) but never on another site's POST. Storage only ever sees its hash.
 */
export function ensureBrowserHash(c: Context, config: Config): string {
  let id = readBrowserId(c);
  if (!id) {
    id = randomBytes(32).toString("base64url");
    setCookie(c, COOKIE, id, {
      httpOnly: true,
      secure: config.publicUrl.startsWith("https:"),
      sameSite: "Lax",
      path: "/auth",
      maxAge: MAX_AGE_SECONDS,
    });
  }
  return hashBrowserId(id);
}

/** The hash of the cookie sent with this request, or undefined without one. */
export function readBrowserHash(c: Context): string | undefined {
  const id = readBrowserId(c);
  return id ? hashBrowserId(id) : undefined;
}

function readBrowserId(c: Context): string | undefined {
  const id = getCookie(c, COOKIE);
  return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
}

const hashBrowserId = (id: string) => createHash("sha256").update(id).digest("base64url");
