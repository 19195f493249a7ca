import { html } from "hono/html";
import type { DiscordAccount, GitHubAccount } from "../../domain/index.ts";
import type { Markup } from "./layout.ts";

export type AccountCardInput =
  | ({ kind: "github" } & Pick<GitHubAccount, "login" | "name" | "avatarUrl">)
  | ({ kind: "discord" } & Pick<DiscordAccount, "username" | "displayName" | "avatarUrl">);

const SERVICE = { github: "GitHub", discord: "Discord" } as const;

/**
 * Who an account is, as the member knows it: avatar, display name, @handle and the service. The
 * display name is free text anyone can copy; the @handle is unique, so it is shown just as large.
 */
export function accountCard(account: AccountCardInput): Markup {
  const handle = account.kind === "github" ? account.login : account.username;
  const name = (account.kind === "github" ? account.name : account.displayName) || handle;
  // The avatar repeats the name beside it, so it is decorative (empty alt).
  const avatar = account.avatarUrl
    ? html`<img class="avatar" src="${account.avatarUrl}" alt="" width="48" height="48" referrerpolicy="no-referrer">`
    : html`<span class="avatar avatar-blank" aria-hidden="true">${[...name][0]?.toUpperCase()}</span>`;
  return html`<div class="account account-${account.kind}">
${avatar}
<div class="account-text"><span class="service">${SERVICE[account.kind]}</span><strong>${name}</strong><strong class="handle">@${handle}</strong></div>
</div>`;
}

/** The two accounts a link joins, Discord first, with a connector between them. */
export const accountPair = (discord: Markup, github: Markup): Markup =>
  html`<div class="accounts">${discord}<div class="joiner" aria-hidden="true"></div>${github}</div>`;
