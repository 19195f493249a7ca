import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember, linkMember } from "../support/members.ts";
import { createResponseChecker, validateOpenApiDocument } from "../support/openapi-responses.ts";

const CI_KEY = "ci-secret-0123456789abcdef0123456789abcdef";
const SITE_KEY = "site-secret-0123456789abcdef0123456789abcdef";

let h: Harness;
let doc: Parameters<typeof createResponseChecker>[0];
let check: ReturnType<typeof createResponseChecker>;
beforeAll(async () => {
  h = await startHarness({ API_KEYS: `ci:${CI_KEY}, website:${SITE_KEY}` });
  const res = await fetch(`${h.bot.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as typeof doc;
  check = createResponseChecker(doc, "/api/v1");
});
afterAll(async () => {
  await h?.stop();
});

/** A GET to the API, held to the published document; returns status, body and the response. */
async function get(path: string, key: string | null = CI_KEY, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.bot.url}/api/v1${path}`, {
    headers: { ...(key !== null ? { authorization: `Bearer ${key}` } : {}), ...headers },
  });
  const body = (await check("GET", res.clone())) as Record<string, unknown>;
  return { status: res.status, body, res };
}

/** A web replica whose keys carry fresh names, so earlier tests' requests do not count against them. */
const replicaWithLimit = (ratePerMinute: number, names: { ci: string; site: string }) =>
  createApp({
    ...h.bot.deps,
    config: {
      ...h.config,
      api: {
        keys: [
          { name: names.ci, secret: CI_KEY },
          { name: names.site, secret: SITE_KEY },
        ],
        ratePerMinute,
      },
    },
    checkReadiness: async () => ({ storage: true, discord: true }),
  });
const askReplica = (app: ReturnType<typeof replicaWithLimit>, key: string) =>
  app.request("/api/v1/links/discord/12345678901234567", { headers: { authorization: `Bearer ${key}` } });

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1, public, and lists every route with its responses", async () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(await validateOpenApiDocument(doc)).toMatchObject({ valid: true });
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/links/discord/{discordId}",
      "/links/github-id/{githubId}",
      "/links/github/{login}",
    ]);
    for (const path of Object.values(doc.paths))
      expect(Object.keys(path.get?.responses ?? {}).sort()).toEqual([
        "200",
        "400",
        "401",
        "404",
        "429",
        "503",
      ]);
  });

  it("/api/docs renders it as a page without script, under the pages' CSP", async () => {
    const res = await fetch(`${h.bot.url}/api/docs`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|\son\w+=|style=/i);
    for (const path of ["/links/discord/{discordId}", "/links/github/{login}", "/links/github-id/{githubId}"])
      expect(html).toContain(`${h.config.publicUrl}/api/v1${path}`);
    expect(html).toContain("<code>tokenStatus</code>");
    expect(html).toContain("Authorization: Bearer &lt;secret&gt;");
    const css = await fetch(`${h.bot.url}/assets/api-docs.css`);
    expect(css.headers.get("content-type")).toContain("text/css");
  });
});

describe("API keys", () => {
  it("answers 401 JSON without a valid key, whatever is wrong with it", async () => {
    const member = createMember(h);
    await linkMember(h, member);
    for (const key of [
      null,
      "",
      "wrong",
      CI_KEY.slice(0, -1),
      `${CI_KEY}x`,
      CI_KEY.toUpperCase(),
      `ci:${CI_KEY}`,
    ]) {
      const { status, body } = await get(`/links/discord/${member.discordId}`, key);
      expect(status).toBe(401);
      expect(body).toEqual({ error: "unauthorized", message: expect.stringContaining("Bearer") });
    }
    const basic = await get(`/links/discord/${member.discordId}`, null, { authorization: `Basic ${CI_KEY}` });
    expect(basic.status).toBe(401);
    expect((await get(`/links/discord/${member.discordId}`, SITE_KEY)).status).toBe(200);
    const logs = h.rawLogs.join("\n");
    for (const secret of [CI_KEY, SITE_KEY]) expect(logs).not.toContain(secret);
  });

  it("limits each key on its own: 429 with Retry-After, the other key still answered", async () => {
    const app = replicaWithLimit(2, { ci: "ci-alone", site: "site-alone" });
    const ask = (key: string) => askReplica(app, key);
    expect((await ask(CI_KEY)).status).toBe(404);
    expect((await ask(CI_KEY)).status).toBe(404);
    const limited = await ask(CI_KEY);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    const body = await limited.json();
    expect(body).toEqual({ error: "too_many_requests", message: expect.stringContaining("API key") });
    expect((await ask(SITE_KEY)).status).toBe(404);
  });
  it("counts a key's requests over every web replica, not per process", async () => {
    const names = { ci: "ci-replicas", site: "site-replicas" };
    const first = replicaWithLimit(2, names);
    const second = replicaWithLimit(2, names);
    expect((await askReplica(first, CI_KEY)).status).toBe(404);
    expect((await askReplica(second, CI_KEY)).status).toBe(404);
    expect((await askReplica(first, CI_KEY)).status).toBe(429);
    expect((await askReplica(second, CI_KEY)).status).toBe(429);
    expect((await askReplica(second, SITE_KEY)).status).toBe(404);
  });
});

describe("lookups", () => {
  it("GET /links/discord/{discordId}: the member's link, 404 when not linked", async () => {
    const member = createMember(h, { login: "Api-Member" });
    await linkMember(h, member);
    const { status, body } = await get(`/links/discord/${member.discordId}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      discordId: member.discordId,
      githubId: member.githubId,
      githubLogin: "Api-Member",
      linkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      tokenStatus: "valid",
    });
    const missing = await get("/links/discord/12345678901234567");
    expect(missing).toMatchObject({ status: 404, body: { error: "not_linked" } });
  });

  it("GET /links/github/{login} in any case and /links/github-id/{githubId}: every link, 404 when none", async () => {
    const member = createMember(h, { login: "Case-Login" });
    await linkMember(h, member);
    for (const path of ["/links/github/case-LOGIN", `/links/github-id/${member.githubId}`]) {
      const { status, body } = await get(path);
      expect(status).toBe(200);
      expect(body.links).toEqual([
        expect.objectContaining({ discordId: member.discordId, githubLogin: "Case-Login" }),
      ]);
    }
    expect((await get("/links/github/nobody-here")).status).toBe(404);
    expect((await get("/links/github-id/999999999")).status).toBe(404);
  });

  it("refuses malformed input with 400 JSON, never a 5xx", async () => {
    const bad = [
      "/links/discord/abc",
      "/links/discord/1234",
      "/links/discord/123456789012345678901",
      "/links/discord/%00",
      "/links/discord/%F0%9F%90%99",
      "/links/github/-leading-hyphen",
      "/links/github/under_score",
      `/links/github/${"a".repeat(40)}`,
      "/links/github/%22%3E%3Cscript%3E",
      "/links/github/.*",
      "/links/github-id/0",
      "/links/github-id/-5",
      "/links/github-id/1e9",
      "/links/github-id/9999999999999999",
      "/links/github-id/%FF",
    ];
    for (const path of bad) {
      const { status, body } = await get(path);
      expect(status, path).toBe(400);
      expect(body.error).toBe("invalid_request");
    }
  });
});
