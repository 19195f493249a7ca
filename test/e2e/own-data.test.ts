import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import { runCommand } from "../support/commands.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember, linkMember } from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ AUDIT_RETENTION_DAYS: "90" });
});
afterAll(async () => {
  await h?.stop();
});

describe("a member's own data", () => {
  it("/whoami shows every stored field except the tokens", async () => {
    const member = createMember(h, { login: "data-owner", name: "Data Owner" });
    await linkMember(h, member);
    const stored = await findLinkByDiscordId(h.bot.deps.storage, member.discordId);
    const [token] = h.github.tokensFor(member.githubId);

    const shown = await runCommand(h, { name: "whoami", userId: member.discordId });
    const embed = shown.embeds.find((e) => e.title === "What octolink stores about you");
    const text = embed?.description ?? "";
    expect(text).toContain(`**Discord id:** ${member.discordId}`);
    expect(text).toContain(`**GitHub id:** ${member.githubId}`);
    expect(text).toContain("**GitHub login:** data-owner");
    expect(text).toContain("**GitHub name:** Data Owner");
    expect(text).toContain(`**GitHub avatar:** ${h.github.url}/avatars/u/${member.githubId}?v=4`);
    expect(text).toContain("**Scopes granted:** `read:user`");
    expect(text).toContain(`**Linked:** <t:${Math.floor((stored?.linkedAt.getTime() ?? 0) / 1000)}:f>`);
    expect(text).toContain("**Token status:** valid");
    for (const label of [
      "Access token expires",
      "Refresh token expires",
      "Last changed",
      "Last checked with GitHub",
    ])
      expect(text).toContain(`**${label}:**`);
    expect(text).toContain("**GitHub access and refresh tokens:** stored encrypted, never shown");
    expect(text).toContain("**Audit records:** 1");
    expect(text).toContain("kept 90 days");
    for (const secret of [token, stored?.accessToken]) expect(JSON.stringify(shown)).not.toContain(secret);
  });

  it("/unlink says the link and tokens are gone, octolink's roles go, and how long audit records stay", async () => {
    const member = createMember(h, { login: "leaving" });
    await linkMember(h, member);
    const shown = await runCommand(h, { name: "unlink", userId: member.discordId });
    expect(shown.content).toContain("Unlinked GitHub account **leaving**");
    expect(shown.content).toContain("octolink no longer stores your link or your GitHub tokens");
    expect(shown.content).toContain(
      "Roles octolink gave you for your GitHub account are removed within seconds",
    );
    expect(shown.content).toContain("(your Discord id, GitHub id and login, no tokens) for 90 days");
  });
});
