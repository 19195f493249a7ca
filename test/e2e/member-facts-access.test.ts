import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitHubUnavailableError } from "../../src/errors/index.ts";
import { checkMemberFacts } from "../../src/linking/index.ts";
import { registerAppKind } from "../support/app-kind.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { apiCallsSince, fact, holdings, linkedMember } from "../support/role-facts.ts";

// The default GITHUB_SCOPES (read:user): no read:org, so only public org membership is seen.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const orgFacts = [fact("org", "acme"), fact("team", "acme/core")];

describe("org membership an OAuth App token without read:org can see", () => {
  it("a public member counts through the public member list; a private one does not", async () => {
    registerAppKind(h, "oauth-app");
    const [open, hidden] = [await linkedMember(h), await linkedMember(h)];
    h.github.facts.setOrgMembership("acme", open.githubId, { public: true });
    h.github.facts.setOrgMembership("acme", hidden.githubId, { public: false });
    for (const m of [open, hidden]) h.github.facts.setTeamMembership("acme/core", m.githubId);

    const from = h.github.requests.length;
    expect(holdings(await checkMemberFacts(h.bot.deps, open.discordId, orgFacts), orgFacts)).toEqual({
      "org acme": true,
      // Team membership needs read:org whatever the org membership's visibility.
      "team acme/core": false,
    });
    expect(apiCallsSince(h, from)).toEqual([
      "403 GET /api/v3/user/memberships/orgs/acme",
      `204 GET /api/v3/orgs/acme/public_members/${open.login}`,
      `404 GET /api/v3/orgs/acme/teams/core/memberships/${open.login}`,
    ]);
    expect(holdings(await checkMemberFacts(h.bot.deps, hidden.discordId, orgFacts), orgFacts)).toEqual({
      "org acme": false,
      "team acme/core": false,
    });
  });
});

describe("org membership a GitHub App's user token can see", () => {
  it("with the Members permission on the org: private membership and teams", async () => {
    registerAppKind(h, "github-app", { membersPermissionOn: ["acme"] });
    const member = await linkedMember(h);
    h.github.facts.setOrgMembership("acme", member.githubId, { public: false });
    h.github.facts.setTeamMembership("acme/core", member.githubId);
    expect(holdings(await checkMemberFacts(h.bot.deps, member.discordId, orgFacts), orgFacts)).toEqual({
      "org acme": true,
      "team acme/core": true,
    });
  });

  it("without it: GitHub refuses (403), and only public membership counts", async () => {
    registerAppKind(h, "github-app", { membersPermissionOn: [] });
    const [open, hidden] = [await linkedMember(h), await linkedMember(h)];
    h.github.facts.setOrgMembership("acme", open.githubId, { public: true });
    h.github.facts.setOrgMembership("acme", hidden.githubId, { public: false });
    expect(holdings(await checkMemberFacts(h.bot.deps, open.discordId, orgFacts), orgFacts)).toMatchObject({
      "org acme": true,
    });
    expect(holdings(await checkMemberFacts(h.bot.deps, hidden.discordId, orgFacts), orgFacts)).toMatchObject({
      "org acme": false,
    });
  });
});

describe("GitHub failing", () => {
  it("a 5xx or a cut connection is GitHubUnavailableError, not an answer", async () => {
    registerAppKind(h, "oauth-app");
    const member = await linkedMember(h);
    h.github.facts.star(member.githubId, "acme/rocket");
    const facts = [fact("stargazer", "acme/rocket")];
    h.github.failNext("facts", { status: 502 });
    await expect(checkMemberFacts(h.bot.deps, member.discordId, facts)).rejects.toBeInstanceOf(
      GitHubUnavailableError,
    );
    h.github.failNext("facts", "network");
    await expect(checkMemberFacts(h.bot.deps, member.discordId, facts)).rejects.toBeInstanceOf(
      GitHubUnavailableError,
    );
    expect(holdings(await checkMemberFacts(h.bot.deps, member.discordId, facts), facts)).toEqual({
      "stargazer acme/rocket": true,
    });
  });
});
