import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkMemberFacts } from "../../src/linking/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { apiCallsSince, fact, holdings, linkedMember } from "../support/role-facts.ts";

// GitHub's rate limits, set low on the stand-in: a member's facts wait out a near reset and
// report a far one instead of failing.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => {
  h.github.facts.setRateLimit("core", { limit: 5000, windowMs: 3_600_000 });
  h.github.facts.setRateLimit("search", { limit: 30, windowMs: 60_000 });
  h.github.facts.setRateLimit("graphql", { limit: 5000, windowMs: 3_600_000 });
});

type Member = Awaited<ReturnType<typeof linkedMember>>;
// Each test links its member first: linking reads GET /user, which counts against core too.

/** Spends the member's budget with their own token, as another app of theirs would. */
async function spend(member: Member, times: number, path = "/user/starred/acme/spent") {
  const [token] = h.github.tokensFor(member.githubId);
  for (let i = 0; i < times; i++) {
    const res = await fetch(`${h.github.apiUrl}${path}`, { headers: { authorization: `token ${token}` } });
    await res.arrayBuffer();
  }
}

const starFacts = [fact("stargazer", "acme/rocket"), fact("stargazer", "acme/moon")];

describe("primary rate limit", () => {
  it("exhausted with a reset a second away: the check waits for it and then answers", async () => {
    const member = await linkedMember(h);
    h.github.facts.setRateLimit("core", { limit: 2, windowMs: 1_500 });
    h.github.facts.star(member.githubId, "acme/rocket");
    h.github.facts.addRepo("acme/moon");
    await spend(member, 2);
    const from = h.github.requests.length;
    const outcome = await checkMemberFacts(h.bot.deps, member.discordId, starFacts);
    expect(holdings(outcome, starFacts)).toEqual({
      "stargazer acme/rocket": true,
      "stargazer acme/moon": false,
    });
    const calls = h.github.requests.slice(from);
    expect(calls.map((r) => r.status)).toEqual([403, 204, 404]);
    // The retry went after GitHub's reset, not straight after the refusal.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(500);
  });

  it("an answer that leaves nothing: the next request waits for the reset instead of being refused", async () => {
    const member = await linkedMember(h);
    h.github.facts.setRateLimit("core", { limit: 1, windowMs: 1_500 });
    h.github.facts.star(member.githubId, "acme/rocket");
    h.github.facts.addRepo("acme/moon");
    const from = h.github.requests.length;
    const outcome = await checkMemberFacts(h.bot.deps, member.discordId, starFacts);
    expect(holdings(outcome, starFacts)).toEqual({
      "stargazer acme/rocket": true,
      "stargazer acme/moon": false,
    });
    expect(apiCallsSince(h, from)).toEqual([
      "204 GET /api/v3/user/starred/acme/rocket",
      "404 GET /api/v3/user/starred/acme/moon",
    ]);
  });

  it("exhausted with a reset an hour away: rate_limited with GitHub's reset time, and no retry", async () => {
    const member = await linkedMember(h);
    h.github.facts.setRateLimit("core", { limit: 1, windowMs: 3_600_000 });
    const before = Date.now();
    await spend(member, 1);
    const from = h.github.requests.length;
    const outcome = await checkMemberFacts(h.bot.deps, member.discordId, starFacts);
    expect(outcome.status).toBe("rate_limited");
    const resetAt = outcome.status === "rate_limited" ? outcome.resetAt.getTime() : 0;
    expect(resetAt).toBeGreaterThan(before + 3_500_000);
    expect(apiCallsSince(h, from)).toEqual(["403 GET /api/v3/user/starred/acme/rocket"]);
  });

  it("the wait allowed is the caller's: a reset beyond it is rate_limited", async () => {
    const member = await linkedMember(h);
    h.github.facts.setRateLimit("core", { limit: 1, windowMs: 5_000 });
    await spend(member, 1);
    const outcome = await checkMemberFacts(h.bot.deps, member.discordId, starFacts, {
      maxRateLimitWaitMs: 1_000,
    });
    expect(outcome).toMatchObject({ status: "rate_limited", resetAt: expect.any(Date) });
  });

  it("a 304 costs nothing: repeated checks within a budget of two keep answering", async () => {
    // Were 304s counted, the third check would find the budget spent and give up at once.
    const member = await linkedMember(h);
    h.github.facts.setRateLimit("core", { limit: 2, windowMs: 3_600_000 });
    h.github.facts.star(member.githubId, "acme/rocket");
    const facts = [fact("stargazer", "acme/rocket")];
    const from = h.github.requests.length;
    for (let i = 0; i < 3; i++) {
      const outcome = await checkMemberFacts(h.bot.deps, member.discordId, facts, { maxRateLimitWaitMs: 0 });
      expect(holdings(outcome, facts)).toEqual({ "stargazer acme/rocket": true });
    }
    expect(apiCallsSince(h, from)).toEqual([
      "204 GET /api/v3/user/starred/acme/rocket",
      "304 (conditional) GET /api/v3/user/starred/acme/rocket",
      "304 (conditional) GET /api/v3/user/starred/acme/rocket",
    ]);
  });

  it("search has its own, lower budget: exhausting it leaves org and star checks alone", async () => {
    const member = await linkedMember(h);
    h.github.facts.setRateLimit("search", { limit: 1, windowMs: 3_600_000 });
    h.github.facts.addPullRequest("acme/engine", member.githubId);
    h.github.facts.addRepo("acme/other");
    const first = [fact("contributor", "acme/engine")];
    expect(holdings(await checkMemberFacts(h.bot.deps, member.discordId, first), first)).toEqual({
      "contributor acme/engine": true,
    });
    const second = await checkMemberFacts(h.bot.deps, member.discordId, [fact("contributor", "acme/other")]);
    expect(second.status).toBe("rate_limited");
    const core = [fact("stargazer", "acme/other")];
    expect(holdings(await checkMemberFacts(h.bot.deps, member.discordId, core), core)).toEqual({
      "stargazer acme/other": false,
    });
  });

  it("GraphQL's limit (200 with a RATE_LIMITED error): rate_limited when far, like REST", async () => {
    const member = await linkedMember(h);
    h.github.facts.setRateLimit("graphql", { limit: 0, windowMs: 3_600_000 });
    const outcome = await checkMemberFacts(h.bot.deps, member.discordId, [fact("sponsor", "acme")]);
    expect(outcome.status).toBe("rate_limited");
  });
});

describe("secondary rate limit", () => {
  it("retry-after of a second: waited out, then answered", async () => {
    const member = await linkedMember(h);
    h.github.facts.star(member.githubId, "acme/rocket");
    h.github.facts.limitSecondary(1);
    const from = h.github.requests.length;
    const facts = [fact("stargazer", "acme/rocket")];
    expect(holdings(await checkMemberFacts(h.bot.deps, member.discordId, facts), facts)).toEqual({
      "stargazer acme/rocket": true,
    });
    const calls = h.github.requests.slice(from);
    expect(calls.map((r) => r.status)).toEqual([403, 204]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it("a limit that is back after every wait: rate_limited, never read as a 403 'not a member'", async () => {
    const member = await linkedMember(h);
    h.github.facts.setOrgMembership("acme", member.githubId, { public: true });
    h.github.facts.limitSecondary(0, 3);
    const from = h.github.requests.length;
    const outcome = await checkMemberFacts(h.bot.deps, member.discordId, [fact("org", "acme")]);
    expect(outcome).toMatchObject({ status: "rate_limited" });
    expect(apiCallsSince(h, from)).toEqual(Array(3).fill("403 GET /api/v3/user/memberships/orgs/acme"));
  });

  it("retry-after beyond the allowed wait: rate_limited", async () => {
    const member = await linkedMember(h);
    h.github.facts.limitSecondary(120);
    const outcome = await checkMemberFacts(h.bot.deps, member.discordId, [fact("org", "acme")]);
    expect(outcome).toMatchObject({ status: "rate_limited" });
  });
});
