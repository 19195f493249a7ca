import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.ts";
import type { InteractionCallbackRecord } from "../support/discord/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { buttonUrl, createMember, runLink } from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ LINK_RATE_LIMIT: "3", HTTP_RATE_LIMIT: "5" });
});
afterAll(async () => {
  await h?.stop();
});

const contentOf = (reply: InteractionCallbackRecord) => reply.data?.content;

describe("abuse limits", () => {
  it("/link is limited per member and the reply says when to try again", async () => {
    const member = createMember(h);
    for (let i = 0; i < 3; i++)
      expect(buttonUrl((await runLink(h, member.discordId)).reply)).toContain("state=");
    const refused = contentOf((await runLink(h, member.discordId)).reply);
    expect(refused).toContain("Too many tries");
    expect(refused).toMatch(/Wait (10|9) minutes, then return to Discord and run \/link again\./);
    // Another member is not affected.
    expect(buttonUrl((await runLink(h, createMember(h).discordId)).reply)).toContain("state=");
  });

  it("a /link button that expired no longer counts, and the wait is until the oldest live one expires", async () => {
    const member = createMember(h);
    for (let i = 0; i < 3; i++) await runLink(h, member.discordId);
    // Ages the member's buttons as time would (the TTL sweep lags, so one is expired but still stored).
    const states = h.bot.deps.storage.linkStates.collection;
    const nonces = (await states.find({ discordId: member.discordId }).sort({ expiresAt: 1 }).toArray()).map(
      (s) => s._id,
    );
    const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);
    await states.updateOne({ _id: nonces[0] }, { $set: { expiresAt: minutesFromNow(-1) } });
    await states.updateOne({ _id: nonces[1] }, { $set: { expiresAt: minutesFromNow(4.5) } });
    expect(buttonUrl((await runLink(h, member.discordId)).reply)).toContain("state=");
    const refused = contentOf((await runLink(h, member.discordId)).reply);
    expect(refused).toMatch(/Wait (5|4) minutes, then return to Discord and run \/link again\./);
  });

  it("refused sign-in requests are limited per client address with a 429 page and Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await fetch(`${h.bot.url}/auth/github/callback?code=x`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    const limited = await fetch(`${h.bot.url}/auth/github/confirm`, { method: "POST" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toContain("Too many tries");
    // Health checks are not sign-in pages and stay reachable.
    expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200);
  });

  it("members who sign in successfully do not use up the limit", async () => {
    const app = createApp({ ...h.bot.deps, checkReadiness: async () => ({ storage: true, discord: true }) });
    for (let i = 0; i < 10; i++)
      expect((await app.request("/auth/github/callback?error=access_denied")).status).toBe(200);
    expect((await app.request("/auth/github/callback")).status).toBe(400);
  });
});

describe("behind a reverse proxy (TRUST_PROXY)", () => {
  const appBehind = (hops: number) =>
    createApp({
      ...h.bot.deps,
      config: { ...h.config, trustProxy: hops },
      checkReadiness: async () => ({ storage: true, discord: true }),
    });
  const refusedFrom = (app: ReturnType<typeof appBehind>, forwardedFor: string) =>
    app.request("/auth/github/callback?code=x", { headers: { "x-forwarded-for": forwardedFor } });

  it("rotating the client-written leftmost X-Forwarded-For entry does not escape the limit", async () => {
    const app = appBehind(1);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await refusedFrom(app, `10.0.0.${i}, 203.0.113.7`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
    // Another client behind the same proxy is counted apart.
    expect((await refusedFrom(app, "203.0.113.8")).status).toBe(400);
  });

  it("with two proxies the client is the second entry from the right", async () => {
    const app = appBehind(2);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await refusedFrom(app, `spoofed-${i}, 198.51.100.9, 10.1.1.1`)).status);
    expect(statuses.at(-1)).toBe(429);
    expect((await refusedFrom(app, "198.51.100.10, 10.1.1.1")).status).toBe(400);
  });

  it("IPv6 clients are counted per /64, so cycling through one network's addresses does not help", async () => {
    const app = appBehind(1);
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++)
      statuses.push((await refusedFrom(app, `2001:db8:7:9::${i.toString(16)}`)).status);
    expect(statuses.at(-1)).toBe(429);
    expect((await refusedFrom(app, "2001:db8:7:a::1")).status).toBe(400);
  });

  it("without TRUST_PROXY the header is ignored: every request is the socket's address", async () => {
    const app = appBehind(0);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await refusedFrom(app, `192.0.2.${i}`)).status);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("headers on every page", () => {
  const paths = [
    "/auth/github/callback?error=access_denied",
    "/auth/github/callback",
    "/nope",
    "/assets/octolink.css",
    "/healthz",
  ];

  it.each(paths)("%s: strict CSP, no referrer, no caching, nosniff; no HSTS over http", async (path) => {
    const app = createApp({ ...h.bot.deps, checkReadiness: async () => ({ storage: true, discord: true }) });
    const res = await app.request(path);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src/);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("with an https PUBLIC_URL: HSTS, and the browser cookie is Secure", async () => {
    const config = { ...h.config, publicUrl: "https://octolink.example.com" };
    const app = createApp({
      ...h.bot.deps,
      config,
      checkReadiness: async () => ({ storage: true, discord: true }),
    });
    expect((await app.request("/nope")).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const member = createMember(h);
    const state =
      new URL(buttonUrl((await runLink(h, member.discordId)).reply)).searchParams.get("state") ?? "";
    const start = await app.request(`https://octolink.example.com/auth/github/start?state=${state}`);
    expect(start.status).toBe(302);
    // __Host-: the browser takes it only with Secure, Path=/ and no Domain, so no sibling host can set it.
    expect(start.headers.get("set-cookie")).toMatch(
      /^__Host-octolink_browser=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });
});
