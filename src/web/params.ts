import type { Context } from "hono";
import { BadRequestError, CrossSiteRequestError } from "../errors/index.ts";

// GitHub's and Discord's codes are short URL-safe strings and our states under 300 characters.
const CODE_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
export const STATE_PATTERN = /^[A-Za-z0-9._-]{1,512}$/;
export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Exactly one value, of the expected shape, or a 400 naming the parameter. */
export function requireSingle(values: string[] | undefined, name: string, pattern: RegExp): string {
  if (!values || values.length === 0) throw new BadRequestError(`The sign-in link is missing its ${name}.`);
  if (values.length > 1) throw new BadRequestError(`The sign-in link has more than one ${name}.`);
  const [value = ""] = values;
  if (!pattern.test(value)) throw new BadRequestError(`The sign-in link's ${name} is malformed.`);
  return value;
}

/**
 * GitHub's or Discord's redirect back: its `code` and our `state`, or null when the member
 * cancelled there (`error=access_denied`, an ordinary page); any other `error` is a 400.
 */
export type SignInReturn = { code: string; state: string };

export function readSignInReturn(c: Context): SignInReturn | null {
  const errors = c.req.queries("error");
  if (errors) {
    if (errors.length !== 1 || errors[0] !== "access_denied")
      throw new BadRequestError("The sign-in was not completed.");
    return null;
  }
  return {
    code: requireSingle(c.req.queries("code"), "code", CODE_PATTERN),
    state: requireSingle(c.req.queries("state"), "state", STATE_PATTERN),
  };
}

/** The largest form our own pages post; larger bodies are refused before they are read. */
export const MAX_FORM_BYTES = 4096;

/** A small urlencoded form (see MAX_FORM_BYTES) posted by our own page, as field → every value given. */
export async function readOwnForm(c: Context, publicUrl: string): Promise<Record<string, string[]>> {
  const origin = c.req.header("origin");
  const fetchSite = c.req.header("sec-fetch-site");
  // Browsers say where a form came from in Sec-Fetch-Site; with `Referrer-Policy: no-referrer`
  // Chromium sends `Origin: null` even for our own page, so Origin is only the fallback.
  const sameOrigin = fetchSite
    ? fetchSite === "same-origin"
    : !origin || origin === new URL(publicUrl).origin;
  if (!sameOrigin) throw new CrossSiteRequestError();

  if (!c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded")) {
    throw new BadRequestError("The form was not sent as a form.");
  }
  const body = await c.req.text();
  const form: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) (form[key] ??= []).push(value);
  return form;
}
