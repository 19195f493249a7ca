/**
 * A minimal browser for tests through HTTP: keeps cookies per host and follows redirects until
 * it reaches a page, or a URL the test wants to handle itself (GitHub's authorize page).
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  setCookie(url: string, name: string, value: string): void {
    this.cookiesFor(new URL(url).host).set(name, value);
  }

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }

  /** Follows redirects; stops early at a URL for which `stopAt` is true and returns that URL. */
  async open(
    url: string,
    opts: { stopAt?: (url: URL) => boolean } = {},
  ): Promise<{ url: string; res?: Response }> {
    let current = url;
    for (let hop = 0; hop < 10; hop++) {
      if (opts.stopAt?.(new URL(current))) return { url: current };
      const res = await this.request(current, { method: "GET" });
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      current = new URL(location, current).toString();
    }
    throw new Error("too many redirects");
  }

  /** Submits a form as the page at `pageUrl` would: same origin, urlencoded. */
  async submit(pageUrl: string, action: string, fields: Record<string, string>): Promise<Response> {
    const target = new URL(action, pageUrl);
    return this.request(target.toString(), {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: target.origin,
        accept: "text/html",
      },
      body: new URLSearchParams(fields).toString(),
    });
  }

  async request(url: string, init: RequestInit): Promise<Response> {
    const { host } = new URL(url);
    const cookies = [...this.cookiesFor(host)].map(([k, v]) => `${k}=${v}`).join("; ");
    const headers = new Headers(init.headers);
    if (cookies) headers.set("cookie", cookies);
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookiesFor(host).set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }

  private cookiesFor(host: string): Map<string, string> {
    let cookies = this.jar.get(host);
    if (!cookies) this.jar.set(host, (cookies = new Map()));
    return cookies;
  }
}

/** The hidden confirmation id in a confirmation page. */
export function pendingIdOf(html: string): string {
  const match = /name="pending" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`no confirmation form in:\n${html}`);
  return match[1];
}
