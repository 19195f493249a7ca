import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { hash } from "node:crypto";
import type { Config } from "../config.ts";
import { randomBase64Url } from "../crypto/index.ts";

const MAX_AGE_SECONDS = 30 * 60;

/**
 * Over https the cookie is `__Host-` prefixed: the browser then only takes it with Secure,
 * Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it. Browsers refuse a
 * `__Host-` cookie without Secure, and Secure cookies are not sent over plain http, so a
 * loopback PUBLIC_URL (local use and the tests, the only http the settings allow) uses the
 * bare name: there is no other host there to defend against.
 */
const cookieOf = (config: Config) => {
  const secure = config.publicUrl.startsWith("https:");
  return { name: secure ? "__Host-octolink_browser" : "octolink_browser", secure };
};

/**
 * A random id for this browser, kept in an HttpOnly cookie, that ties the sign-in steps to the
 * browser that started them. SameSite=Lax: it must come along on GitHub's and Discord's redirects
 * back (top-level GETs) but never on another site's POST. Storage only ever sees its hash.
 */
export function ensureBrowserHash(c: Context, config: Config): string {
  let id = readBrowserId(c, config);
  if (!id) {
    id = randomBase64Url(32);
    const { name, secure } = cookieOf(config);
    setCookie(c, name, id, {
      httpOnly: true,
      secure,
      sameSite: "Lax",
      path: "/",
      maxAge: MAX_AGE_SECONDS,
    });
  }
  return hashBrowserId(id);
}

/** The hash of the cookie sent with this request, or undefined without one. */
export function readBrowserHash(c: Context, config: Config): string | undefined {
  const id = readBrowserId(c, config);
  return id ? hashBrowserId(id) : undefined;
}

function readBrowserId(c: Context, config: Config): string | undefined {
  const id = getCookie(c, cookieOf(config).name);
  return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
}

const hashBrowserId = (id: string) => hash("sha256", id, "base64url");
