import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkMemberFacts } from "../../src/linking/index.ts";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember } from "../support/members.ts";
import { apiCallsSince, fact, holdings, linkedMember } from "../support/role-facts.ts";

// Members link as the README tells operators with org or team rules to set it up: with read:org.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ GITHUB_SCOPES: "read:user read:org" });
});
afterAll(async () => {
  await h?.stop();
});

const check = (discordId: string, facts: ReturnType<typeof fact>[]) =>
  checkMemberFacts(h.bot.deps, discordId, facts);

describe("checkMemberFacts: each rule kind, true and false", () => {
  it("linked holds for a usable link; nothing else holds for someone GitHub knows nothing about", async () => {
    const member = await linkedMember(h);
    h.github.facts.addRepo("acme/widgets");
    const facts = [
      fact("linked"),
      fact("org", "acme"),
      fact("team", "acme/core"),
      fact("stargazer", "acme/widgets"),
      fact("contributor", "acme/widgets"),
      fact("sponsor", "acme"),
    ];
    expect(holdings(await check(member.discordId, facts), facts)).toEqual({
      linked: true,
      "org acme": false,
      "team acme/core": false,
      "stargazer acme/widgets": false,
      "contributor acme/widgets": false,
      "sponsor acme": false,
    });
  });

  it("org: a private active membership counts (read:org); a pending invitation does not", async () => {
    const [active, pending] = [await linkedMember(h), await linkedMember(h)];
    h.github.facts.setOrgMembership("octo-org", active.githubId);
    h.github.facts.setOrgMembership("octo-org", pending.githubId, { state: "pending" });
    const facts = [fact("org", "octo-org"), fact("org", "other-org")];
    expect(holdings(await check(active.discordId, facts), facts)).toEqual({
      "org octo-org": true,
      "org other-org": false,
    });
    expect(holdings(await check(pending.discordId, facts), facts)).toEqual({
      "org octo-org": false,
      "org other-org": false,
    });
  });

  it("team: an active member of acme/core, not a pending one, and not of another team", async () => {
    const [member, invited] = [await linkedMember(h), await linkedMember(h)];
    for (const m of [member, invited]) h.github.facts.setOrgMembership("acme", m.githubId);
    h.github.facts.setTeamMembership("acme/core", member.githubId);
    h.github.facts.setTeamMembership("acme/core", invited.githubId, "pending");
    h.github.facts.setTeamMembership("acme/docs", invited.githubId);
    const facts = [fact("team", "acme/core"), fact("team", "acme/docs")];
    expect(holdings(await check(member.discordId, facts), facts)).toEqual({
      "team acme/core": true,
      "team acme/docs": false,
    });
    expect(holdings(await check(invited.discordId, facts), facts)).toEqual({
      "team acme/core": false,
      "team acme/docs": true,
    });
  });

  it("stargazer: a starred repository yes, another no", async () => {
    const member = await linkedMember(h);
    h.github.facts.star(member.githubId, "acme/rocket");
    h.github.facts.addRepo("acme/other");
    const facts = [fact("stargazer", "acme/rocket"), fact("stargazer", "acme/other")];
    expect(holdings(await check(member.discordId, facts), facts)).toEqual({
      "stargazer acme/rocket": true,
      "stargazer acme/other": false,
    });
  });

  it("contributor: a merged pull request counts; an open one, another repo's, or an unknown repo does not", async () => {
    const [merged, open] = [await linkedMember(h), await linkedMember(h)];
    h.github.facts.addPullRequest("acme/engine", merged.githubId, { merged: true });
    h.github.facts.addPullRequest("acme/engine", open.githubId, { merged: false });
    h.github.facts.addPullRequest("acme/side", open.githubId, { merged: true });
    const facts = [fact("contributor", "acme/engine"), fact("contributor", "acme/nowhere")];
    expect(holdings(await check(merged.discordId, facts), facts)).toEqual({
      "contributor acme/engine": true,
      "contributor acme/nowhere": false,
    });
    expect(holdings(await check(open.discordId, facts), facts)).toEqual({
      "contributor acme/engine": false,
      "contributor acme/nowhere": false,
    });
  });

  it("sponsor: any amount without a minimum; with one, at or above it only; users and orgs alike", async () => {
    const [patron, small, none] = [await linkedMember(h), await linkedMember(h), await linkedMember(h)];
    const maintainer = createMember(h, { login: "maint-ainer" });
    h.github.facts.setOrgMembership("sponsored-org", maintainer.githubId);
    h.github.facts.setSponsorship(patron.githubId, "maint-ainer", 10);
    h.github.facts.setSponsorship(patron.githubId, "sponsored-org", 5);
    h.github.facts.setSponsorship(small.githubId, "maint-ainer", 3);
    const facts = [
      fact("sponsor", "maint-ainer"),
      fact("sponsor", "maint-ainer:5"),
      fact("sponsor", "maint-ainer:10"),
      fact("sponsor", "maint-ainer:11"),
      fact("sponsor", "sponsored-org:5"),
    ];
    expect(holdings(await check(patron.discordId, facts), facts)).toEqual({
      "sponsor maint-ainer": true,
      "sponsor maint-ainer:5": true,
      "sponsor maint-ainer:10": true,
      "sponsor maint-ainer:11": false,
      "sponsor sponsored-org:5": true,
    });
    expect(holdings(await check(small.discordId, facts), facts)).toEqual({
      "sponsor maint-ainer": true,
      "sponsor maint-ainer:5": false,
      "sponsor maint-ainer:10": false,
      "sponsor maint-ainer:11": false,
      "sponsor sponsored-org:5": false,
    });
    expect(holdings(await check(none.discordId, facts), facts)).toMatchObject({
      "sponsor maint-ainer": false,
    });
  });
});

describe("checkMemberFacts: asking GitHub as little as possible", () => {
  it("asks each question once however many rules ask it (GraphQL at Enterprise Server's /api/graphql)", async () => {
    const member = await linkedMember(h);
    h.github.facts.setOrgMembership("dedupe-org", member.githubId);
    h.github.facts.setSponsorship(member.githubId, "dedupe-org", 7);
    const from = h.github.requests.length;
    const facts = [
      fact("org", "dedupe-org"),
      fact("org", "Dedupe-Org"),
      fact("org", "dedupe-org"),
      fact("sponsor", "dedupe-org"),
      fact("sponsor", "dedupe-org:5"),
      fact("sponsor", "DEDUPE-ORG:20"),
      fact("linked"),
    ];
    const outcome = await check(member.discordId, facts);
    expect(holdings(outcome, facts)).toMatchObject({
      "org Dedupe-Org": true,
      "sponsor DEDUPE-ORG:20": false,
    });
    expect(apiCallsSince(h, from).filter((call) => !call.includes("/api/v3/user "))).toEqual([
      "200 GET /api/v3/user/memberships/orgs/dedupe-org",
      "200 POST /api/graphql",
    ]);
  });

  it("asks again with If-None-Match: GitHub's 304 stands for the last answer", async () => {
    const member = await linkedMember(h);
    h.github.facts.setOrgMembership("etag-org", member.githubId);
    h.github.facts.star(member.githubId, "etag-org/repo");
    h.github.facts.addPullRequest("etag-org/repo", member.githubId);
    const facts = [
      fact("org", "etag-org"),
      fact("stargazer", "etag-org/repo"),
      fact("contributor", "etag-org/repo"),
    ];
    const expected = {
      "org etag-org": true,
      "stargazer etag-org/repo": true,
      "contributor etag-org/repo": true,
    };
    expect(holdings(await check(member.discordId, facts), facts)).toEqual(expected);

    const from = h.github.requests.length;
    expect(holdings(await check(member.discordId, facts), facts)).toEqual(expected);
    expect(apiCallsSince(h, from)).toEqual([
      "304 (conditional) GET /api/v3/user/memberships/orgs/etag-org",
      "304 (conditional) GET /api/v3/user/starred/etag-org/repo",
      "304 (conditional) GET /api/v3/search/issues",
    ]);

    // A changed answer is a 200 with a new ETag, and is what counts.
    h.github.facts.unstar(member.githubId, "etag-org/repo");
    expect(holdings(await check(member.discordId, facts), facts)).toMatchObject({
      "stargazer etag-org/repo": false,
    });
  });
});

describe("checkMemberFacts: links that cannot be checked", () => {
  it("GitHub refusing the token (401): needs_relink, and the link is flagged", async () => {
    const member = await linkedMember(h);
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    expect(await check(member.discordId, [fact("org", "acme")])).toEqual({ status: "needs_relink" });
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toMatchObject({
      tokenStatus: "needs_relink",
    });
    // Flagged: the next check does not ask GitHub again.
    const from = h.github.requests.length;
    expect(await check(member.discordId, [fact("linked")])).toEqual({ status: "needs_relink" });
    expect(apiCallsSince(h, from)).toEqual([]);
  });

  it("linked alone still asks whether GitHub accepts the token (conditional GET /user)", async () => {
    const [kept, revoked] = [await linkedMember(h), await linkedMember(h)];
    const from = h.github.requests.length;
    const linked = [fact("linked")];
    for (let i = 0; i < 2; i++)
      expect(holdings(await check(kept.discordId, linked), linked)).toEqual({ linked: true });
    expect(apiCallsSince(h, from)).toEqual(["200 GET /api/v3/user", "304 (conditional) GET /api/v3/user"]);

    h.github.revokeAuthorization(h.config.github.clientId, revoked.githubId);
    expect(await check(revoked.discordId, linked)).toEqual({ status: "needs_relink" });
    expect(await findLinkByDiscordId(h.bot.deps.storage, revoked.discordId)).toMatchObject({
      tokenStatus: "needs_relink",
    });
  });

  it("a member without a link: needs_relink, without asking GitHub", async () => {
    const stranger = createMember(h);
    const from = h.github.requests.length;
    expect(await check(stranger.discordId, [fact("linked"), fact("org", "acme")])).toEqual({
      status: "needs_relink",
    });
    expect(apiCallsSince(h, from)).toEqual([]);
  });
});
