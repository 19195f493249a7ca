import fc from "fast-check";
import { hostileQuery, hostileValue } from "./hostile-values.ts";

export interface FormTargets {
  publicUrl: string;
  /** Confirmations a real browser is in the middle of: one pending, one linked (undo-able). */
  pendingIds: string[];
  /** Those browsers' cookies: sent only together with a sign that the form came from another site. */
  victimCookies: string[];
}

export interface HostileForm {
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

const CROSS_SITE: Array<Record<string, string>> = [
  { origin: "https://evil.example" },
  { "sec-fetch-site": "cross-site" },
  { "sec-fetch-site": "same-site", origin: "https://evil.example" },
  { origin: "null", "sec-fetch-site": "cross-site" },
];

/**
 * A POST to the confirmation or undo form from someone who is not the browser that signed in:
 * any body, any content type, no cookie or another one, or the right cookie sent from another site.
 */
export function hostileForm(t: FormTargets): fc.Arbitrary<HostileForm> {
  const idLike = fc.stringMatching(/^[A-Za-z0-9_-]{22}$/);
  const value = hostileValue([
    fc.constantFrom(...t.pendingIds),
    idLike,
    fc.constantFrom("link", "cancel", "undo"),
  ]);
  const body = fc.oneof(
    { weight: 4, arbitrary: hostileQuery(["pending", "action"], value) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.nat({ max: 10 }).map((n) => `pending=${"A".repeat(4_100 + n)}&action=link`) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...t.pendingIds)
        .map((pending) => JSON.stringify({ pending, action: "link" })),
    },
  );
  const contentType = fc.constantFrom(
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=iso-8859-1",
    "multipart/form-data; boundary=x",
    "application/json",
    "text/plain",
    undefined,
  );
  const sameSite = fc.constantFrom(
    {},
    { origin: new URL(t.publicUrl).origin },
    { "sec-fetch-site": "same-origin" },
    ...CROSS_SITE,
  );
  const otherCookie = fc.oneof(
    fc.constant(undefined),
    fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((id) => `octolink_browser=${id}`),
    hostileValue().map((v) => `octolink_browser=${v}; octolink_browser=${v}`),
  );
  const who = fc.oneof(
    fc.record({ cookie: otherCookie, site: sameSite }),
    fc.record({
      cookie: fc.constantFrom(...t.victimCookies).map((c) => `octolink_browser=${c}`),
      site: fc.constantFrom(...CROSS_SITE),
    }),
  );
  return fc
    .record({
      path: fc.constantFrom("/auth/github/confirm", "/auth/github/undo"),
      body,
      contentType,
      who,
      json: fc.boolean(),
    })
    .map(({ path, body, contentType, who, json }) => ({
      path,
      body,
      headers: {
        ...who.site,
        ...(who.cookie ? { cookie: who.cookie } : {}),
        ...(contentType ? { "content-type": contentType } : {}),
        accept: json ? "application/json" : "text/html",
      },
    }));
}
