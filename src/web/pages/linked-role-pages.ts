import { html } from "hono/html";
import { type Markup, renderLayout } from "./layout.ts";

/** Where GET /linked-role ends for a linked member: Discord has (or is about to have) their values. */
export const linkedRolePage = (p: { githubLogin: string; queued: boolean }): Markup =>
  renderLayout({
    tone: "success",
    title: "Linked Roles updated",
    heading: p.queued ? "Your Linked Roles are on their way" : "Your Linked Roles are updated",
    message: p.queued
      ? `Discord is slow to answer right now; octolink will tell it about ${p.githubLogin} on GitHub within a minute.`
      : `Discord now knows you as ${p.githubLogin} on GitHub, with your account's age, public repositories and followers.`,
    body: html`<p class="note">To keep these current, octolink keeps your Discord sign-in, encrypted. To stop that, remove octolink under User Settings → Authorized Apps in Discord; /unlink sets "linked" to no.</p>`,
    next: "You can close this tab and return to Discord: roles that ask for your GitHub account can now be claimed there.",
  });
