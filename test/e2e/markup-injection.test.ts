import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember, linkMember, settledReply } from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** A member whose GitHub name (and Discord display name) are what an attacker would choose. */
function createNamedMember(githubName: string, discordName: string) {
  const member = createMember(h, { name: githubName });
  h.discord.addUser({ id: member.discordId, username: member.username, global_name: discordName });
  return member;
}

/** The embed a member sees in the DM, in their own /whoami, and in someone else's /whoami about them. */
async function embedsAbout(member: ReturnType<typeof createMember>) {
  const dm = await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[0]);
  const own = await settledReply(
    h,
    await h.discord.sendCommand({ name: "whoami", userId: member.discordId }),
  );
  const onlooker = createMember(h);
  const other = await (
    await h.discord.sendCommand({
      name: "whoami",
      userId: onlooker.discordId,
      options: [{ name: "member", type: 6, value: member.discordId }],
    })
  ).reply;
  return {
    dm: dm.embeds[0],
    own: own.embeds[0],
    other: (other.data?.embeds as typeof dm.embeds | undefined)?.[0],
  };
}

describe("names are text, never markup", () => {
  it("a GitHub name and a Discord name of HTML are escaped on every page, and plain text in every embed", async () => {
    const img = "<img src=x onerror=alert(1)>";
    const member = createNamedMember(img, '<script>alert("discord")</script>');
    const { confirmHtml, html, res } = await linkMember(h, member);
    expect(res.status).toBe(200);

    for (const page of [confirmHtml, html]) {
      expect(page).toContain("<strong>&lt;img src=x onerror=alert(1)&gt;</strong>");
      expect(page).toContain("<strong>&lt;script&gt;alert(&quot;discord&quot;)&lt;/script&gt;</strong>");
      expect(page).toMatch(
        /<p class="message">[^<]*&lt;script&gt;alert\(&quot;discord&quot;\)&lt;\/script&gt;[^<]*<\/p>/,
      );
      expect(page).not.toMatch(/<img src=x|<script|onerror=alert\(1\)>/);
    }

    // Discord shows embed text as text, so the name appears exactly as it is on GitHub.
    const profile = `${h.github.url}/${member.login}`;
    const { dm, own, other } = await embedsAbout(member);
    expect(dm?.description).toBe(
      `Your Discord account is now linked to [${member.login}](${profile}) (${img}) on GitHub.`,
    );
    expect(own?.description).toBe(`[${member.login}](${profile}) (${img})`);
    expect(other?.description).toBe(`[${member.login}](${profile}) (${img})`);
  });

  it("a GitHub name of markdown is escaped in embeds: no bold, and no masked link to another site", async () => {
    const member = createNamedMember("**[Verify your account](https://evil.example)**", "~~Mona~~ `x`");
    const { confirmHtml, res } = await linkMember(h, member);
    expect(res.status).toBe(200);
    expect(confirmHtml).toContain("<strong>**[Verify your account](https://evil.example)**</strong>");
    expect(confirmHtml).not.toContain('href="https://evil.example"');

    const inert = String.raw`\*\*\[Verify your account](https://evil.example)\*\*`;
    const account = `[${member.login}](${h.github.url}/${member.login}) (${inert})`;
    const { dm, own, other } = await embedsAbout(member);
    expect(dm?.description).toBe(`Your Discord account is now linked to ${account} on GitHub.`);
    expect(own?.description).toBe(account);
    expect(other?.description).toBe(account);
  });
});
