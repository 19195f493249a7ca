import type { AppError } from "../../errors.ts";
import type { GitHubUser } from "../../github/index.ts";
import { accountCard } from "./account-card.ts";
import { type Markup, renderLayout } from "./layout.ts";

export const linkedPage = (user: GitHubUser): Markup =>
  renderLayout({
    tone: "success",
    title: "GitHub account linked",
    heading: "Your GitHub account is linked",
    message: `Your Discord account is now linked to ${user.login} on GitHub.`,
    body: accountCard({
      kind: "github",
      login: user.login,
      name: user.name,
      avatarUrl: user.avatarUrl,
    }),
    next: "You can close this tab and return to Discord. Check your DMs for a confirmation.",
  });

export const cancelledPage = (): Markup =>
  renderLayout({
    tone: "neutral",
    title: "Sign-in cancelled",
    heading: "Sign-in cancelled",
    message: "You cancelled the GitHub sign-in, so nothing was linked.",
    next: "To try again, return to Discord and run /link.",
  });

export const errorPage = (error: AppError): Markup =>
  renderLayout({
    tone: "problem",
    title: error.title,
    heading: error.title,
    message: error.message,
    next: error.next,
  });
