/**
 * GitHub accepts a redirect_uri that is the registered callback URL or below it: same scheme,
 * host and port, and a path under the callback's path.
 */
export function matchesCallbackUrl(callbackUrl: string, redirectUri: string): boolean {
  if (redirectUri === callbackUrl) return true;
  const registered = URL.parse(callbackUrl);
  const requested = URL.parse(redirectUri);
  if (!registered || !requested || registered.origin !== requested.origin) return false;
  const base = registered.pathname.endsWith("/") ? registered.pathname : `${registered.pathname}/`;
  return requested.pathname === registered.pathname || requested.pathname.startsWith(base);
}

/** The redirect target with GitHub's parameters added; `undefined` ones (e.g. no state) are left out. */
export function withParams(target: string, params: Record<string, string | undefined>): string {
  const url = new URL(target);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url.toString();
}
