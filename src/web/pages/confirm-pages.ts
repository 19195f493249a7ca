import { html } from "hono/html";
import type { PendingLinkRecord } from "../../storage/index.ts";
import { accountCard, accountPair } from "./account-card.ts";
import { type Markup, renderLayout } from "./layout.ts";

const discordName = (p: PendingLinkRecord) => p.discordDisplayName ?? p.discordUsername;

const accounts = (p: PendingLinkRecord) =>
  accountPair(
    accountCard({
      kind: "discord",
      username: p.discordUsername,
      displayName: p.discordDisplayName,
      avatarUrl: p.discordAvatarUrl,
    }),
    accountCard({ kind: "github", login: p.githubLogin, name: p.githubName, avatarUrl: p.githubAvatarUrl }),
  );

/** Names both accounts, so someone who was sent another member's link sees it is not theirs. */
export const confirmLinkPage = (p: PendingLinkRecord): Markup =>
  renderLayout({
    tone: "confirm",
    title: "Link these accounts?",
    heading: "Link these accounts?",
    message: `The Discord account @${p.discordUsername} (${discordName(p)}) will be linked to the GitHub account ${p.githubLogin}.`,
    body: html`${accounts(p)}
<p class="consequence">After you press Link, whoever signs in to Discord as @${p.discordUsername} will be able to act as the GitHub account ${p.githubLogin} through octolink.</p>
<p class="warning">Only press Link if you are @${p.discordUsername} on Discord and ran /link yourself. If someone sent you this link, press Cancel.</p>
<form method="post" action="/auth/github/confirm" class="actions">
<input type="hidden" name="pending" value="${p.id}">
<button type="submit" name="action" value="link" class="primary">Link</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
  });

export const linkedPage = (p: PendingLinkRecord): Markup =>
  renderLayout({
    tone: "success",
    title: "GitHub account linked",
    heading: "Your GitHub account is linked",
    message: `${discordName(p)} on Discord is now linked to ${p.githubLogin} on GitHub.`,
    body: html`${accounts(p)}
<form method="post" action="/auth/github/undo" class="actions">
<input type="hidden" name="pending" value="${p.id}">
<button type="submit">Not you? Undo</button>
</form>`,
    next: "You can close this tab and return to Discord. Check your DMs for a confirmation.",
  });

export const cancelledLinkPage = (): Markup =>
  renderLayout({
    tone: "neutral",
    title: "Nothing was linked",
    heading: "Nothing was linked",
    message: "You cancelled, so no accounts were linked and GitHub's access was taken back.",
    next: "If you meant to link your own accounts, return to Discord and run /link.",
  });

export const undonePage = (githubLogin: string): Markup =>
  renderLayout({
    tone: "neutral",
    title: "Link undone",
    heading: "Link undone",
    message: `The GitHub account ${githubLogin} is no longer linked, and octolink's access to it was removed at GitHub.`,
    next: "You can close this tab.",
  });
