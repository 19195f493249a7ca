import { html } from "hono/html";
import type { AppError } from "../../errors.ts";
import type { GitHubUser } from "../../github/index.ts";
import { type Markup, renderLayout } from "./layout.ts";

const accountCard = (user: GitHubUser) => html`<div class="account">
${user.avatarUrl ? html`<img src="${user.avatarUrl}" alt="" width="48" height="48" referrerpolicy="no-referrer">` : ""}
<div><strong>${user.name ?? user.login}</strong><span>@${user.login} on GitHub</span></div>
</div>`;

export const linkedPage = (user: GitHubUser): Markup =>
  renderLayout({
    title: "GitHub account linked",
    heading: "Your GitHub account is linked",
    message: `Your Discord account is now linked to ${user.login} on GitHub.`,
    body: accountCard(user),
    next: "You can close this tab and return to Discord. Check your DMs for a confirmation.",
  });

export const cancelledPage = (): Markup =>
  renderLayout({
    title: "Sign-in cancelled",
    heading: "Sign-in cancelled",
    message: "You cancelled the GitHub sign-in, so nothing was linked.",
    next: "To try again, return to Discord and run /link.",
  });

export const errorPage = (error: AppError): Markup =>
  renderLayout({
    title: error.title,
    heading: error.title,
    message: error.message,
    next: error.next,
  });
