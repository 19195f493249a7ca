import { type APIEmbed, escapeMarkdown } from "discord.js";

/** The DM a member gets when a moderator removed their link. */
export const adminUnlinkDm = (p: {
  guildName: string;
  githubLogin: string;
  reason: string | null;
}): APIEmbed => ({
  title: "Your GitHub link was removed",
  description:
    `A moderator of **${escapeMarkdown(p.guildName)}** removed the link between your Discord account ` +
    `and the GitHub account **${escapeMarkdown(p.githubLogin)}**, and octolink's access at GitHub.\n` +
    `Reason: ${p.reason ? escapeMarkdown(p.reason) : "none given"}\n` +
    "You can run /link again to link an account.",
});
