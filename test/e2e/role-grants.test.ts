import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents, listMemberGrants } from "../../src/storage/index.ts";
import { MODERATOR_PERMISSIONS, runCommand, subcommand, userOption } from "../support/commands.ts";
import { githubAppAuthorizationRevoked, sendWebhook } from "../support/github/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { TestBrowser } from "../support/http-browser.ts";
import {
  answerConfirmation,
  authorizeViaLink,
  createMember,
  linkMember,
  type Member,
} from "../support/members.ts";
import { addRule, linkRoles, waitForRoles } from "../support/roles.ts";

const SECRET = "webhook-secret-for-tests-0123456789";

let h: Harness;
let moderator: Member;
let verified: string;
beforeAll(async () => {
  h = await startHarness({ GITHUB_WEBHOOK_SECRET: SECRET, GITHUB_SCOPES: "read:user read:org" });
  moderator = createMember(h);
  verified = h.discord.addRole({ name: "Verified" });
  expect((await linkRoles(h, moderator.discordId, addRule(verified, "linked"))).content).toContain("Added");
});
afterAll(async () => {
  await h?.stop();
});

const changesOf = (member: Member, roleId: string) =>
  h.discord.roleChanges().filter((c) => c.userId === member.discordId && c.roleId === roleId);

/** Every queued job (role changes included) has run. */
const settled = () => h.bot.deps.notifier.drain();

describe("roles follow the link", () => {
  it("a member who links gets the server's matching roles within seconds, with an audit-log reason", async () => {
    const member = createMember(h, { login: "verified-member" });
    const { res } = await linkMember(h, member);
    expect(res.status).toBe(200);
    await waitForRoles(h, member.discordId, (roles) => roles.includes(verified));

    expect(changesOf(member, verified)).toEqual([
      expect.objectContaining({ method: "PUT", reason: "octolink: linked a GitHub account", status: 204 }),
    ]);
    await settled();
    expect(await listMemberGrants(h.bot.deps.storage, member.discordId)).toMatchObject([
      { guildId: h.discord.guildId, roleId: verified, rules: [{ kind: "linked", target: null }] },
    ]);
    const [event] = await listAuditEvents(h.bot.deps.storage, { discordId: member.discordId, limit: 1 });
    expect(event).toMatchObject({
      action: "role_granted",
      guildId: h.discord.guildId,
      githubLogin: "verified-member",
      detail: `<@&${verified}>: linked a GitHub account`,
    });
  });

  it("every rule kind: org, team, stargazer, contributor, sponsor with and without a minimum", async () => {
    const role = (name: string) => h.discord.addRole({ name });
    const rules = {
      org: role("Org member"),
      team: role("Core team"),
      stargazer: role("Stargazer"),
      contributor: role("Contributor"),
      sponsor: role("Sponsor"),
      bigSponsor: role("Big sponsor"),
    };
    for (const [roleId, kind, target] of [
      [rules.org, "org", "kinds-org"],
      [rules.team, "team", "kinds-org/core"],
      [rules.stargazer, "stargazer", "kinds-org/widget"],
      [rules.contributor, "contributor", "kinds-org/widget"],
      [rules.sponsor, "sponsor", "kinds-org"],
      [rules.bigSponsor, "sponsor", "kinds-org:10"],
    ] as const)
      expect((await linkRoles(h, moderator.discordId, addRule(roleId, kind, target))).content).toContain(
        "Added",
      );

    const fan = createMember(h, { login: "kinds-fan" });
    h.github.facts.setOrgMembership("kinds-org", fan.githubId);
    h.github.facts.setTeamMembership("kinds-org/core", fan.githubId);
    h.github.facts.star(fan.githubId, "kinds-org/widget");
    h.github.facts.addPullRequest("kinds-org/widget", fan.githubId);
    h.github.facts.setSponsorship(fan.githubId, "kinds-org", 5);
    const stranger = createMember(h, { login: "kinds-stranger" });
    h.github.facts.addPullRequest("kinds-org/widget", stranger.githubId, { merged: false });

    await linkMember(h, fan);
    await linkMember(h, stranger);
    await settled();

    const expected = [verified, rules.org, rules.team, rules.stargazer, rules.contributor, rules.sponsor];
    expect(h.discord.memberRoles(fan.discordId)?.sort()).toEqual(expected.sort());
    expect(h.discord.memberRoles(stranger.discordId)).toEqual([verified]);
    expect(changesOf(fan, rules.sponsor)[0]?.reason).toBe("octolink: sponsors kinds-org on GitHub");
    expect(changesOf(fan, rules.team)[0]?.reason).toBe("octolink: member of GitHub team kinds-org/core");
    expect(changesOf(fan, rules.contributor)[0]?.reason).toBe(
      "octolink: has a merged pull request in kinds-org/widget",
    );
  });

  it("grants in every server with rules that the member is in, and nowhere else", async () => {
    const second = h.discord.addGuild();
    const other = h.discord.addRole({ name: "Second server" }, second);
    await linkRoles(h, moderator.discordId, addRule(other, "linked"), { guildId: second });
    const member = createMember(h);
    h.discord.joinGuild(member.discordId, second);
    const outsider = createMember(h);
    await linkMember(h, member);
    await linkMember(h, outsider);
    await settled();
    expect(h.discord.memberRoles(member.discordId, second)).toEqual([other]);
    expect(h.discord.memberRoles(member.discordId)).toEqual([verified]);
    expect(h.discord.memberRoles(outsider.discordId, second)).toBeUndefined();
    expect(changesOf(outsider, other)).toEqual([]);
  });

  it("a role a person gave before octolink would is never recorded nor removed", async () => {
    const member = createMember(h);
    h.discord.giveRole(member.discordId, verified);
    await linkMember(h, member);
    await settled();
    expect(changesOf(member, verified)).toEqual([]);
    expect(await listMemberGrants(h.bot.deps.storage, member.discordId)).toEqual([]);

    await runCommand(h, { name: "unlink", userId: member.discordId });
    await settled();
    expect(changesOf(member, verified)).toEqual([]);
    expect(h.discord.memberRoles(member.discordId)).toEqual([verified]);
  });

  it("GitHub's rate limit puts the member's roles off until it resets, rather than failing", async () => {
    const member = createMember(h);
    // One request an hour: the sign-in's GET /user spends it, so the roles check finds none left.
    h.github.facts.setRateLimit("core", { limit: 1, windowMs: 3_600_000 });
    try {
      await linkMember(h, member);
      const deferred = () =>
        h.bot.deps.storage.outbox
          .findOne({
            "job.kind": "member_roles",
            "job.discordId": member.discordId,
            status: "queued",
            runAt: { $gt: new Date(Date.now() + 60_000) },
          })
          .lean<{ _id: string; runAt: Date }>();
      let waiting = await deferred();
      for (let tries = 0; !waiting && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        waiting = await deferred();
      }
      if (!waiting) throw new Error("the roles check was not put off");
      expect(waiting.runAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
      expect(changesOf(member, verified)).toEqual([]);
      await h.bot.deps.storage.outbox.deleteOne({ _id: waiting._id }).exec();
    } finally {
      h.github.facts.setRateLimit("core", { limit: 5000, windowMs: 3_600_000 });
    }
  });

  it("Discord refusing a role (50013: moved above octolink's) changes nothing and is logged", async () => {
    const moved = h.discord.addRole({ name: "Moved later" });
    await linkRoles(h, moderator.discordId, addRule(moved, "linked"));
    h.discord.updateRole(moved, { position: 50 });
    const member = createMember(h);
    await linkMember(h, member);
    await settled();
    expect(changesOf(member, moved)).toEqual([expect.objectContaining({ method: "PUT", status: 403 })]);
    expect(h.discord.memberRoles(member.discordId)).toEqual([verified]);
    expect((await listMemberGrants(h.bot.deps.storage, member.discordId)).map((g) => g.roleId)).toEqual([
      verified,
    ]);
    expect(h.logs.some((l) => String(l.msg).includes("Discord refused a role change (50013)"))).toBe(true);
    await linkRoles(h, moderator.discordId, subcommand("remove", [{ name: "role", type: 8, value: moved }]));
  });
});

/** Links the member and waits for the Verified role; returns what the link flow left behind. */
async function linkedWithRole(member: Member) {
  const flow = await linkMember(h, member);
  await waitForRoles(h, member.discordId, (roles) => roles.includes(verified));
  return flow;
}

async function expectRoleTakenBack(member: Member, reason: string) {
  await waitForRoles(h, member.discordId, (roles) => !roles.includes(verified));
  expect(changesOf(member, verified).at(-1)).toMatchObject({ method: "DELETE", reason, status: 204 });
  await settled();
  expect(await listMemberGrants(h.bot.deps.storage, member.discordId)).toEqual([]);
  const events = await listAuditEvents(h.bot.deps.storage, { discordId: member.discordId, limit: 10 });
  expect(events.find((e) => e.action === "role_removed")?.detail).toBe(
    `<@&${verified}>: ${reason.replace("octolink: ", "")}`,
  );
}

describe("roles octolink gave are taken back", () => {
  it("on /unlink", async () => {
    const member = createMember(h);
    await linkedWithRole(member);
    await runCommand(h, { name: "unlink", userId: member.discordId });
    await expectRoleTakenBack(member, "octolink: GitHub link removed");
  });

  it("on the DM's Undo", async () => {
    const member = createMember(h);
    await linkedWithRole(member);
    const dm = await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[0]);
    await h.discord.clickButton({
      userId: member.discordId,
      message: dm,
      customId: `octolink:undo:${member.githubId}`,
    });
    await expectRoleTakenBack(member, "octolink: GitHub link removed");
  });

  it("on the page's Undo", async () => {
    const member = createMember(h);
    const { browser, callbackUrl } = await authorizeViaLink(h, member);
    const { pending } = await answerConfirmation(browser, callbackUrl);
    await waitForRoles(h, member.discordId, (roles) => roles.includes(verified));
    expect((await browser.submit(callbackUrl, "/auth/github/undo", { pending })).status).toBe(200);
    await expectRoleTakenBack(member, "octolink: GitHub link removed");
  });

  it("on /link-admin unlink", async () => {
    const member = createMember(h);
    await linkedWithRole(member);
    await runCommand(h, {
      name: "link-admin",
      userId: moderator.discordId,
      memberPermissions: MODERATOR_PERMISSIONS,
      options: [subcommand("unlink", [userOption("member", member.discordId)])],
    });
    await expectRoleTakenBack(member, "octolink: GitHub link removed");
  });

  it("when the member revokes octolink on GitHub (needs re-link)", async () => {
    const member = createMember(h);
    await linkedWithRole(member);
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    const payload = githubAppAuthorizationRevoked(
      { id: member.githubId, login: member.login },
      { webUrl: h.github.url, apiUrl: h.github.apiUrl },
    );
    const res = await sendWebhook(`${h.bot.url}/webhooks/github`, {
      event: "github_app_authorization",
      payload,
      secret: SECRET,
    });
    expect(res.status).toBe(200);
    await expectRoleTakenBack(member, "octolink: GitHub link needs renewing (run /link again)");
  });

  it("when the GitHub account's owner removes the links to it", async () => {
    const member = createMember(h);
    await linkedWithRole(member);
    const browser = new TestBrowser();
    const { url } = await browser.open(`${h.config.publicUrl}/auth/github/remove`, {
      stopAt: (u) => u.origin === h.github.url,
    });
    const callbackUrl = await h.github.approve(url, { userId: member.githubId });
    const html = (await (await browser.open(callbackUrl)).res?.text()) ?? "";
    const removal = /name="removal" value="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(
      (await browser.submit(callbackUrl, "/auth/github/remove", { removal, action: "remove" })).status,
    ).toBe(200);
    await expectRoleTakenBack(member, "octolink: GitHub link removed");
  });
});
