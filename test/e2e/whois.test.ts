import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand, stringOption, userOption } from "../support/commands.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember, linkMember } from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const whois = (userId: string, option: ReturnType<typeof userOption>) =>
  runCommand(h, { name: "whois", userId, options: [option] });

describe("/whois", () => {
  it("member: names the member's GitHub account, or says they have none", async () => {
    const viewer = createMember(h);
    const member = createMember(h, { login: "Hubot-Member" });
    const unlinked = createMember(h);
    await linkMember(h, member);

    const shown = await whois(viewer.discordId, userOption("member", member.discordId));
    expect(shown.content).toBe(`<@${member.discordId}> is linked to:`);
    expect(shown.embeds[0]?.title).toBe("Hubot-Member");
    expect(shown.embeds[0]?.description).toContain(`${h.github.url}/Hubot-Member`);

    const none = await whois(viewer.discordId, userOption("member", unlinked.discordId));
    expect(none.content).toBe(`<@${unlinked.discordId}> has not linked a GitHub account.`);
    expect(none.embeds).toEqual([]);
  });

  it("github: finds the login in any case, and only members of this server", async () => {
    const viewer = createMember(h);
    const here = createMember(h, { login: "Shared-Login" });
    await linkMember(h, here);

    const found = await whois(viewer.discordId, stringOption("github", "shared-LOGIN"));
    expect(found.content).toContain("Members of this server linked to GitHub account **shared-LOGIN**");
    expect(found.content).toContain(`<@${here.discordId}>`);
    expect(found.content).toContain(`[Shared-Login](${h.github.url}/Shared-Login)`);

    const viewer2 = createMember(h);
    const left = createMember(h, { login: "left-the-server" });
    await linkMember(h, left);
    h.discord.leaveGuild(left.discordId);
    const gone = await whois(viewer2.discordId, stringOption("github", "left-the-server"));
    expect(gone.content).toBe("Nobody here is linked to GitHub account **left-the-server**.");
    const asMember = await whois(viewer2.discordId, userOption("member", left.discordId));
    expect(asMember.content).toBe(`<@${left.discordId}> is not a member of this server.`);
    expect(asMember.embeds).toEqual([]);
  });

  it("says nobody here for an unknown login, and refuses something that is not a login", async () => {
    const viewer = createMember(h);
    const nobody = await whois(viewer.discordId, stringOption("github", "no-such-account"));
    expect(nobody.content).toBe("Nobody here is linked to GitHub account **no-such-account**.");
    const bad = await whois(viewer.discordId, stringOption("github", "-bad login"));
    expect(bad.content).toContain("Not a GitHub login");
  });

  it("a renamed GitHub account is found under its new login once the link is checked again", async () => {
    const viewer = createMember(h);
    const member = createMember(h, { login: "old-name" });
    await linkMember(h, member);
    h.github.updateUser(member.githubId, { login: "new-name" });

    expect((await whois(viewer.discordId, stringOption("github", "old-name"))).content).toContain(
      `<@${member.discordId}>`,
    );
    // The member's /whoami asks GitHub who the token belongs to now.
    await runCommand(h, { name: "whoami", userId: member.discordId });
    expect((await whois(viewer.discordId, stringOption("github", "NEW-name"))).content).toContain(
      `<@${member.discordId}>`,
    );
    expect((await whois(viewer.discordId, stringOption("github", "old-name"))).content).toBe(
      "Nobody here is linked to GitHub account **old-name**.",
    );
  });

  it("marks a link that needs re-linking as unverified", async () => {
    const viewer = createMember(h);
    const member = createMember(h, { login: "revoked-one" });
    await linkMember(h, member);
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    await runCommand(h, { name: "whoami", userId: member.discordId });

    const byMember = await whois(viewer.discordId, userOption("member", member.discordId));
    expect(byMember.content).toContain("unverified");
    const byLogin = await whois(viewer.discordId, stringOption("github", "revoked-one"));
    expect(byLogin.content).toContain(`<@${member.discordId}>`);
    expect(byLogin.content).toContain("unverified");
  });

  it("works in servers only", async () => {
    const viewer = createMember(h);
    const shown = await runCommand(h, {
      name: "whois",
      userId: viewer.discordId,
      guildId: null,
      options: [stringOption("github", "octocat")],
    });
    expect(shown.content).toContain("Servers only");
  });
});
