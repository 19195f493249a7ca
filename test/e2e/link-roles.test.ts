import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleOption, stringOption, subcommand } from "../support/commands.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember } from "../support/members.ts";
import { addRule, linkRoles } from "../support/roles.ts";

let h: Harness;
let moderator: ReturnType<typeof createMember>;
beforeAll(async () => {
  h = await startHarness();
  moderator = createMember(h);
});
afterAll(async () => {
  await h?.stop();
});

const run = (sub: Parameters<typeof linkRoles>[2], opts?: Parameters<typeof linkRoles>[3]) =>
  linkRoles(h, moderator.discordId, sub, opts);

describe("/link-roles", () => {
  it("is registered for Manage Roles, servers only, and checked again when run", async () => {
    const role = h.discord.addRole({ name: "Verified" });
    const refused = await run(addRule(role, "linked"), { memberPermissions: "2222085186637376" });
    expect(refused.content).toContain("You need the Manage Roles permission");
    expect((await run(subcommand("list"))).content).toContain("no role rules");

    const dm = await h.discord.sendCommand({
      name: "link-roles",
      userId: moderator.discordId,
      guildId: null,
      options: [subcommand("list")],
    });
    expect((await dm.reply).data?.content).toContain("Servers only");

    const { commands } = await import("../../commands/index.ts");
    const json = commands.find((c) => c.data.name === "link-roles")?.data.toJSON() as {
      default_member_permissions?: string;
      contexts?: number[];
      options?: Array<{
        name: string;
        options?: Array<{ name: string; choices?: Array<{ value: string }> }>;
      }>;
    };
    expect(json.default_member_permissions).toBe(String(1n << 28n));
    expect(json.contexts).toEqual([0]);
    const add = json.options?.find((o) => o.name === "add");
    expect(add?.options?.map((o) => o.name)).toEqual(["role", "rule", "target"]);
    expect(add?.options?.[1]?.choices?.map((c) => c.value)).toEqual([
      "linked",
      "org",
      "team",
      "stargazer",
      "contributor",
      "sponsor",
    ]);
  });

  it("add, list and remove rules of every kind; targets are checked per kind", async () => {
    const core = h.discord.addRole({ name: "Core" });
    const fans = h.discord.addRole({ name: "Fans" });
    expect((await run(addRule(core, "org", "Acme"))).content).toContain(
      `Added: <@&${core}> for linked members who match: member of GitHub org acme`,
    );
    await run(addRule(core, "team", "acme/core"));
    await run(addRule(fans, "stargazer", "https://github.com/acme/widget"));
    await run(addRule(fans, "contributor", "acme/widget"));
    await run(addRule(fans, "sponsor", "acme:5"));
    expect((await run(addRule(core, "org", "acme"))).content).toContain("That rule exists already");

    const list = await run(subcommand("list"));
    const text = list.embeds[0]?.description ?? "";
    expect(list.content).toContain("role rules (5)");
    expect(text).toContain(`<@&${core}> — member of GitHub org acme`);
    expect(text).toContain(`<@&${core}> — member of GitHub team acme/core`);
    expect(text).toContain(`<@&${fans}> — starred acme/widget on GitHub`);
    expect(text).toContain(`<@&${fans}> — has a merged pull request in acme/widget`);
    expect(text).toContain(`<@&${fans}> — sponsors acme with at least $5 a month`);

    const one = await run(
      subcommand("remove", [
        roleOption("role", fans),
        stringOption("rule", "sponsor"),
        stringOption("target", "acme:5"),
      ]),
    );
    expect(one.content).toContain(
      `Removed the rule for <@&${fans}>:\n- sponsors acme with at least $5 a month`,
    );
    const all = await run(subcommand("remove", [roleOption("role", core)]));
    expect(all.content).toContain(`Removed 2 rules for <@&${core}>`);
    const none = await run(subcommand("remove", [roleOption("role", core)]));
    expect(none.content).toContain("No rule for");
    expect((await run(subcommand("list"))).content).toContain("role rules (2)");
  });

  it.each([
    ["team", "acme", "`acme` is not what a `team` rule needs: an organization and a team slug"],
    ["org", "acme/core", "`acme/core` is not what a `org` rule needs"],
    ["stargazer", "widget", "`widget` is not what a `stargazer` rule needs: a repository"],
    ["sponsor", "acme:five", "`acme:five` is not what a `sponsor` rule needs"],
    ["org", undefined, "The target is missing"],
    ["linked", "acme", "A `linked` rule takes no target"],
    ["contributor", "-bad/repo", "is not what a `contributor` rule needs"],
  ])("refuses a %s rule with target %s, saying what it needs", async (kind, target, sentence) => {
    const role = h.discord.addRole({ name: `Bad ${kind}` });
    const reply = await run(addRule(role, kind, target));
    expect(reply.content).toContain("That rule's target is not valid");
    expect(reply.content).toContain(sentence);
    expect(reply.content).toContain("For example:");
  });

  it("refuses roles octolink cannot manage, saying why and what to do", async () => {
    const above = h.discord.addRole({ name: "Admins", position: 20 });
    const tooHigh = await run(addRule(above, "linked"));
    expect(tooHigh.content).toContain("octolink cannot manage that role");
    expect(tooHigh.content).toContain(
      `<@&${above}> is not below octolink's highest role (<@&${h.discord.botRoleId()}>)`,
    );
    expect(tooHigh.content).toContain(`Move octolink's role above <@&${above}> in Server Settings → Roles`);

    const booster = h.discord.addRole({ name: "Server Booster", managed: true });
    expect((await run(addRule(booster, "linked"))).content).toContain("managed by an integration");
    expect((await run(addRule(h.discord.guildId, "linked"))).content).toContain(
      "@everyone is every member's role",
    );

    const fine = h.discord.addRole({ name: "Linked" });
    h.discord.updateRole(h.discord.botRoleId(), { permissions: 0n });
    try {
      expect((await run(addRule(fine, "linked"))).content).toContain(
        "octolink does not have the Manage Roles permission",
      );
    } finally {
      h.discord.updateRole(h.discord.botRoleId(), { permissions: 1n << 28n });
    }
    const list = await run(subcommand("list"));
    expect(list.embeds[0]?.description ?? "").not.toContain(`<@&${above}>`);

    // A rule added while it was fine, then the role moved above octolink's: the list says so.
    await run(addRule(fine, "linked"));
    h.discord.updateRole(fine, { position: 30 });
    const warned = await run(subcommand("list"));
    expect(warned.embeds[0]?.description).toContain(`Move octolink's role above <@&${fine}>`);
    h.discord.updateRole(fine, { position: 1 });
  });
});
