import { html } from "hono/html";
import type { ConfirmationView } from "../../linking/index.ts";
import { accountCard, accountPair } from "./account-card.ts";
import { type Markup, renderLayout } from "./layout.ts";

const discordName = ({ discord }: ConfirmationView) => discord.displayName ?? discord.username;

const accounts = ({ discord, github }: ConfirmationView) =>
  accountPair(accountCard({ kind: "discord", ...discord }), accountCard({ kind: "github", ...github }));

/** Names both accounts, so someone who was sent another member's link sees it is not theirs. */
export const confirmLinkPage = (p: ConfirmationView): Markup =>
  renderLayout({
    tone: "confirm",
    title: "Link these accounts?",
    heading: "Link these accounts?",
    message: `The Discord account @${p.discord.username} (${discordName(p)}) will be linked to the GitHub account ${p.github.login}.`,
    body: html`${accounts(p)}
<p class="consequence">After you press Link, whoever signs in to Discord as @${p.discord.username} will be able to act as the GitHub account ${p.github.login} through octolink.</p>
<p class="warning">Only press Link if you are @${p.discord.username} on Discord and ran /link yourself. If someone sent you this link, press Cancel.</p>
<form method="post" action="/auth/github/confirm" class="actions">
<input type="hidden" name="pending" value="${p.pendingId}">
<button type="submit" name="action" value="link" class="primary">Link</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
  });

export const linkedPage = (p: ConfirmationView): Markup =>
  renderLayout({
    tone: "success",
    title: "GitHub account linked",
    heading: "Your GitHub account is linked",
    message: `${discordName(p)} on Discord is now linked to ${p.github.login} on GitHub.`,
    body: html`${accounts(p)}
<form method="post" action="/auth/github/undo" class="actions">
<input type="hidden" name="pending" value="${p.pendingId}">
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
