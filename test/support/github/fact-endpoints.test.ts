import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GitHubStandIn, startGitHubStandIn } from "./index.ts";

// The endpoints role rules ask, as GitHub documents them: ETags and 304s, and the rate-limit
// headers and refusals of each resource. The product's use of them is in test/e2e/member-facts*.
const APP = { clientId: "Ov23liFacts", clientSecret: "facts-secret", callbackUrl: "http://127.0.0.1:9/cb" };
const MONA = { id: 7101, login: "mona" };

let gh: GitHubStandIn;
let token: string;
beforeAll(async () => {
  gh = await startGitHubStandIn();
  gh.registerApp(APP);
  gh.addUser(MONA);
  const location = await gh.approve(
    `${gh.url}/login/oauth/authorize?client_id=${APP.clientId}&scope=read:org`,
    {
      userId: MONA.id,
    },
  );
  const res = await fetch(`${gh.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      code: new URL(location).searchParams.get("code"),
    }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
  gh.facts.star(MONA.id, "acme/rocket");
  gh.facts.setOrgMembership("acme", MONA.id);
});
afterAll(async () => {
  await gh?.close();
});
beforeEach(() => {
  gh.facts.setRateLimit("core", { limit: 5000, windowMs: 3_600_000 });
  gh.facts.setRateLimit("search", { limit: 30, windowMs: 60_000 });
  gh.facts.setRateLimit("graphql", { limit: 5000, windowMs: 3_600_000 });
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${gh.apiUrl}${path}`, {
    headers: { authorization: `token ${token}`, ...headers },
  });
  const text = await res.text();
  return { res, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
};
const rate = (res: Response) =>
  Object.fromEntries(
    ["limit", "remaining", "used", "resource"].map((h) => [h, res.headers.get(`x-ratelimit-${h}`)]),
  );

describe("conditional requests", () => {
  it("an ETag on each answer; If-None-Match that matches is a 304 the budget does not count", async () => {
    const first = await get("/user/starred/acme/rocket");
    expect(first.res.status).toBe(204);
    const etag = first.res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(rate(first.res)).toEqual({ limit: "5000", remaining: "4999", used: "1", resource: "core" });
    expect(Number(first.res.headers.get("x-ratelimit-reset")) * 1000).toBeGreaterThan(Date.now());

    const again = await get("/user/starred/acme/rocket", { "if-none-match": etag });
    expect(again.res.status).toBe(304);
    expect(again.body).toBeNull();
    expect(rate(again.res)).toMatchObject({ remaining: "4999", used: "1" });

    const other = await get("/user/memberships/orgs/acme", { "if-none-match": etag });
    expect(other.res.status).toBe(200);
    expect(other.body).toMatchObject({ state: "active", organization: { login: "acme" } });
  });
});

describe("rate limits", () => {
  it("an exhausted budget is GitHub's 403 with remaining 0 and the reset", async () => {
    gh.facts.setRateLimit("core", { limit: 1, windowMs: 3_600_000 });
    expect((await get("/user/starred/acme/rocket")).res.status).toBe(204);
    const refused = await get("/user/starred/acme/rocket");
    expect(refused.res.status).toBe(403);
    expect(refused.body).toMatchObject({
      message: expect.stringContaining(`API rate limit exceeded for user ID ${MONA.id}`),
    });
    expect(rate(refused.res)).toEqual({ limit: "1", remaining: "0", used: "1", resource: "core" });
  });

  it("search counts against its own budget of 30 a minute, not the core one", async () => {
    gh.facts.addRepo("acme/rocket");
    const { res, body } = await get(
      `/search/issues?q=${encodeURIComponent("repo:acme/rocket is:pr is:merged")}`,
    );
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ total_count: 0, items: [] });
    expect(rate(res)).toEqual({ limit: "30", remaining: "29", used: "1", resource: "search" });
  });

  it("a secondary limit is a 403 with retry-after", async () => {
    gh.facts.limitSecondary(7);
    const { res, body } = await get("/user/starred/acme/rocket");
    expect(res.status).toBe(403);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(body).toMatchObject({ message: expect.stringContaining("secondary rate limit") });
  });

  it("GraphQL: 200 with a RATE_LIMITED error once its points are spent", async () => {
    gh.facts.setRateLimit("graphql", { limit: 0, windowMs: 3_600_000 });
    const res = await fetch(`${gh.url}/api/graphql`, {
      method: "POST",
      headers: { authorization: `bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ query: "query { viewer { login } }" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ errors: [expect.objectContaining({ type: "RATE_LIMITED" })] });
    expect(rate(res)).toMatchObject({ remaining: "0", resource: "graphql" });
  });
});
