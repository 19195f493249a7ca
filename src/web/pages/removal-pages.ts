import { html } from "hono/html";
import type { OwnerRemoval, OwnerSignIn } from "../../linking/index.ts";
import { accountCard } from "./account-card.ts";
import { type Markup, renderLayout } from "./layout.ts";

const members = (count: number) => (count === 1 ? "1 Discord account" : `${count} Discord accounts`);

const githubCard = ({ user }: OwnerSignIn) =>
  accountCard({ kind: "github", login: user.login, name: user.name, avatarUrl: user.avatarUrl });

/** After the owner signed in to GitHub: what will go, and a button that needs this browser. */
export const confirmRemovalPage = (signIn: OwnerSignIn): Markup =>
  signIn.removalId === null
    ? renderLayout({
        tone: "neutral",
        title: "Nothing to remove",
        heading: "Nothing to remove",
        message: `No Discord account is linked to the GitHub account ${signIn.user.login} through octolink.`,
        body: githubCard(signIn),
        next: "You can close this tab. octolink's access from this sign-in was removed at GitHub.",
      })
    : renderLayout({
        tone: "confirm",
        title: "Remove links to your GitHub account?",
        heading: "Remove links to your GitHub account?",
        message: `${members(signIn.linkCount)} on Discord ${signIn.linkCount === 1 ? "is" : "are"} linked to the GitHub account ${signIn.user.login} through octolink.`,
        body: html`${githubCard(signIn)}
<p class="consequence">Remove deletes every one of these links, revokes octolink's access to ${signIn.user.login} at GitHub, and tells each Discord member by DM.</p>
<form method="post" action="/auth/github/remove" class="actions">
<input type="hidden" name="removal" value="${signIn.removalId}">
<button type="submit" name="action" value="remove" class="primary">Remove</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
      });

export const removalAnsweredPage = (answer: OwnerRemoval & { cancelled: boolean }): Markup =>
  answer.cancelled
    ? renderLayout({
        tone: "neutral",
        title: "Nothing was removed",
        heading: "Nothing was removed",
        message: `You cancelled, so the links to ${answer.githubLogin} are unchanged.`,
        next: "You can close this tab.",
      })
    : renderLayout({
        tone: "success",
        title: "Links removed",
        heading: "Links removed",
        message: `${members(answer.removed)} ${answer.removed === 1 ? "is" : "are"} no longer linked to the GitHub account ${answer.githubLogin}.`,
        next: answer.revokedAtGitHub
          ? "octolink's access to your GitHub account was revoked, and each member was told by DM."
          : "Each member was told by DM. GitHub did not confirm revoking octolink's access: if octolink is still listed under GitHub → Settings → Applications, revoke it there.",
      });
