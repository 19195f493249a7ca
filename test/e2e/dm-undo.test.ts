import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import type { MessageRecord } from "../support/discord/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { buttonsOf, createMember, linkMember } from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** The custom id of the DM's button a member knows by its label. */
function customIdOf(dm: MessageRecord, label: string): string {
  const button = buttonsOf(dm.components).find((b) => "label" in b && b.label === label);
  const id = button && "custom_id" in button ? button.custom_id : undefined;
  if (!id) throw new Error(`the DM has no "${label}" button: ${JSON.stringify(dm.components)}`);
  return id;
}

/** Clicks "Not you? Undo" on `dm` as the member; returns the follow-up the bot sent. */
async function clickUndo(discordId: string, dm: MessageRecord) {
  const click = await h.discord.clickButton({
    userId: discordId,
    message: dm,
    customId: customIdOf(dm, "Not you? Undo"),
  });
  return h.discord.waitFor(() => h.discord.followUps(click.token)[0]);
}

const currentDm = (discordId: string, id: string) => h.discord.dmsTo(discordId).find((m) => m.id === id);

describe("the DM's Not you? Undo", () => {
  it("removes the link, revokes the whole grant at GitHub and takes the button away", async () => {
    const member = createMember(h, { login: "undo-me" });
    await linkMember(h, member);
    const dm = await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[0]);
    expect(dm.embeds[0]?.title).toBe("GitHub account linked");

    const followUp = await clickUndo(member.discordId, dm);

    expect(followUp.content).toContain("Undone: GitHub account **undo-me** is no longer linked");
    expect(followUp.content).toContain("its access was revoked at GitHub");
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toBeNull();
    expect(h.github.revokedGrants()).toContainEqual({
      clientId: h.config.github.clientId,
      userId: member.githubId,
    });
    expect(h.github.tokensFor(member.githubId)).toHaveLength(0);
    expect(currentDm(member.discordId, dm.id)).toMatchObject({
      components: [],
      embeds: [{ title: "GitHub account linked" }],
    });
    // With the button gone, nobody can press Undo on this DM again.
    await expect(
      h.discord.clickButton({
        userId: member.discordId,
        message: dm,
        customId: `octolink:undo:${member.githubId}`,
      }),
    ).rejects.toThrow(/no button/);
  });

  it("an old DM's Undo after re-linking to another GitHub account keeps the newer link", async () => {
    const member = createMember(h, { login: "first-account" });
    const second = createMember(h, { login: "second-account" });
    await linkMember(h, member);
    const oldDm = await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[0]);
    await linkMember(h, { discordId: member.discordId, githubId: second.githubId });
    const newDm = await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[1]);
    expect(newDm.embeds[0]?.description).toContain("second-account");

    const followUp = await clickUndo(member.discordId, oldDm);

    expect(followUp.content).toBe("That link is already gone; nothing was changed.");
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toMatchObject({
      githubId: second.githubId,
      githubLogin: "second-account",
    });
    expect(h.github.revokedGrants()).not.toContainEqual(expect.objectContaining({ userId: second.githubId }));
    expect(h.github.tokensFor(second.githubId)).toHaveLength(1);
    expect(currentDm(member.discordId, oldDm.id)?.components).toEqual([]);
    expect(currentDm(member.discordId, newDm.id)?.components).toEqual(newDm.components);
  });
});
