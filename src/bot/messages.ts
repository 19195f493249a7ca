import { type APIEmbed, ButtonStyle, ComponentType, escapeMarkdown, time } from "discord.js";
import type { LinkRecord } from "../storage/index.ts";

const GITHUB_DARK = 0x24292f;

export type LinkedAccount = Pick<LinkRecord, "githubLogin" | "githubName" | "avatarUrl"> & {
  profileUrl: string;
};

const describeAccount = (account: LinkedAccount) => {
  const login = `[${escapeMarkdown(account.githubLogin)}](${account.profileUrl})`;
  return account.githubName ? `${login} (${escapeMarkdown(account.githubName)})` : login;
};

export function linkedDmEmbed(account: LinkedAccount): APIEmbed {
  return {
    title: "GitHub account linked",
    description: `Your Discord account is now linked to ${describeAccount(account)} on GitHub.`,
    url: account.profileUrl,
    color: GITHUB_DARK,
    ...(account.avatarUrl ? { thumbnail: { url: account.avatarUrl } } : {}),
    footer: { text: "Not you? Press Undo. Changed your mind later? Run /unlink." },
  };
}

export function linkedReplyContent(account: LinkedAccount, dmSent: boolean): string {
  const done = `✅ Linked to GitHub account **${escapeMarkdown(account.githubLogin)}**.`;
  return dmSent
    ? `${done} I sent you a DM with the details.`
    : `${done} I could not send you a DM (your Discord privacy settings block it), but the link is saved.`;
}

export function linkEmbed(link: LinkRecord, profileUrl: string, opts: { full: boolean }): APIEmbed {
  const account = { ...link, profileUrl };
  const fields = opts.full
    ? [
        { name: "Linked", value: time(link.linkedAt, "R"), inline: true },
        {
          name: "Scopes",
          value: link.scopes.length ? link.scopes.map((s) => `\`${s}\``).join(" ") : "none",
          inline: true,
        },
      ]
    : [];
  return {
    title: escapeMarkdown(link.githubLogin),
    url: profileUrl,
    description: describeAccount(account),
    color: GITHUB_DARK,
    ...(opts.full && link.avatarUrl ? { thumbnail: { url: link.avatarUrl } } : {}),
    fields,
  };
}

export function connectButtonRow(url: string, label: string) {
  return {
    type: ComponentType.ActionRow as const,
    components: [
      { type: ComponentType.Button as const, style: ButtonStyle.Link as const, label, url },
    ],
  };
}

export const UNDO_BUTTON_PREFIX = "octolink:undo:";

/** The DM's "Not you? Undo": names the GitHub account, so an old DM cannot remove a newer link. */
export function undoButtonRow(githubId: number) {
  return {
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.Button as const,
        style: ButtonStyle.Danger as const,
        label: "Not you? Undo",
        custom_id: `${UNDO_BUTTON_PREFIX}${githubId}`,
      },
    ],
  };
}
