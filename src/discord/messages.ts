import { type APIEmbed, ButtonStyle, ComponentType, time } from "discord.js";
import type { GitHubAccount, LinkSummary, TokenHealth } from "../domain/index.ts";
import { escapeText } from "./markdown.ts";

const GITHUB_DARK = 0x24292f;

// A GitHub name is free text: "[text](url)" in it would be a working link in our embed.
const escapeName = (name: string) => escapeText(name, { maskedLink: true });

const describeAccount = (account: GitHubAccount) => {
  const login = `[${escapeText(account.login)}](${account.profileUrl})`;
  return account.name ? `${login} (${escapeName(account.name)})` : login;
};

export function linkedDmEmbed(account: GitHubAccount): APIEmbed {
  return {
    title: "GitHub account linked",
    description: `Your Discord account is now linked to ${describeAccount(account)} on GitHub.`,
    url: account.profileUrl,
    color: GITHUB_DARK,
    ...(account.avatarUrl ? { thumbnail: { url: account.avatarUrl } } : {}),
    footer: { text: "Not you? Press Undo. Changed your mind later? Run /unlink." },
  };
}

export function relinkNeededDmEmbed(githubLogin: string): APIEmbed {
  return {
    title: "Your GitHub link needs renewing",
    description: `octolink's access to the GitHub account **${escapeText(githubLogin)}** was revoked on GitHub, so your link no longer works. Run /link to connect it again, or /unlink to remove it.`,
    color: GITHUB_DARK,
  };
}

export function removedByOwnerDmEmbed(githubLogin: string): APIEmbed {
  return {
    title: "Your GitHub link was removed",
    description: `The owner of the GitHub account **${escapeText(githubLogin)}** signed in to GitHub and removed its link to your Discord account, and octolink's access to it was revoked. To link your own GitHub account, run /link.`,
    color: GITHUB_DARK,
  };
}

/** The /link reply once linked: edited at once ("on its way"), and again only if the DM is refused. */
export function linkedReplyContent(account: GitHubAccount, dm: "on_its_way" | "refused"): string {
  const done = `✅ Linked to GitHub account **${escapeText(account.login)}**.`;
  return dm === "on_its_way"
    ? `${done} A DM with the details (and an Undo button) is on its way.`
    : `${done} I could not send you a DM (your Discord privacy settings block it), but the link is saved.`;
}

/** After /unlink or Undo, when GitHub could not be reached: the member can still revoke the access themselves. */
/** After an unlink with Linked Roles on: what Discord now shows, and how to stop octolink updating it. */
export const LINKED_ROLES_UNLINKED =
  "Discord's Linked Roles now show no linked GitHub account, so roles that ask for one no longer apply to you. " +
  "octolink keeps your Discord sign-in to keep them current; remove octolink under User Settings → Authorized Apps to end that.";

export const REVOKE_IT_YOURSELF =
  "GitHub did not confirm revoking octolink's access (GitHub could not be reached, or no longer knew that access). If octolink is still listed under GitHub → Settings → Applications, revoke it there.";

function describeTokenHealth(link: LinkSummary, health: TokenHealth): string {
  switch (health) {
    case "refreshed":
      return "✅ valid (refreshed just now)";
    case "needs_relink":
      return "⚠️ needs re-link";
    case "unchecked":
      return "❔ could not check (GitHub unreachable)";
    default:
      return link.tokenRefreshedAt
        ? `✅ valid (last refreshed ${time(link.tokenRefreshedAt, "R")})`
        : "✅ valid";
  }
}

/**
 * `health` is given only for the member's own link: others never see anything token-related,
 * except that a link GitHub no longer accepts is marked unverified.
 */
export function linkEmbed(link: LinkSummary, health?: TokenHealth): APIEmbed {
  const { account } = link;
  const full = health !== undefined;
  const fields = full
    ? [
        { name: "Linked", value: time(link.linkedAt, "R"), inline: true },
        {
          name: "Scopes",
          value: link.scopes.length ? link.scopes.map((s) => `\`${s}\``).join(" ") : "none",
          inline: true,
        },
        { name: "Token", value: describeTokenHealth(link, health), inline: true },
      ]
    : [];
  return {
    title: escapeText(account.login),
    url: account.profileUrl,
    description: describeAccount(account),
    color: GITHUB_DARK,
    ...(full && account.avatarUrl ? { thumbnail: { url: account.avatarUrl } } : {}),
    fields,
    ...(!full && !link.verified
      ? { footer: { text: "⚠️ Unverified: GitHub no longer accepts this link (revoked or expired)." } }
      : {}),
  };
}

export function connectButtonRow(url: string, label: string) {
  return {
    type: ComponentType.ActionRow as const,
    components: [{ type: ComponentType.Button as const, style: ButtonStyle.Link as const, label, url }],
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
