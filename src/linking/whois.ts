import { isGithubLogin, type LinkSummary } from "../domain/index.ts";
import { InvalidGithubLoginError } from "../errors/index.ts";
import { findLinkByDiscordId, findLinksByGithubLogin, type LinkRecord } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { summarizeLink } from "./link-views.ts";

/** A link as /whois shows it: "unverified" when GitHub no longer accepts its token. */
export interface WhoisLink {
  discordId: string;
  summary: LinkSummary;
  verified: boolean;
}

const whoisLinkOf = (deps: LinkingDeps, link: LinkRecord): WhoisLink => ({
  discordId: link.discordId,
  summary: summarizeLink(deps.config, link),
  verified: link.tokenStatus !== "needs_relink",
});

/** The member's link, or "not_member" for someone outside the server (they are not shown). */
export async function whoisMember(
  deps: LinkingDeps,
  params: { guildId: string; discordId: string },
): Promise<WhoisLink | null | "not_member"> {
  if (!(await deps.discord.isGuildMember(params.guildId, params.discordId))) return "not_member";
  const link = await findLinkByDiscordId(deps.storage, params.discordId);
  return link ? whoisLinkOf(deps, link) : null;
}

/**
 * The members of this server linked to a GitHub login (any case). The login is the one octolink
 * saw at the member's last check; the numeric id stays the identity, so a renamed account shows
 * under its new login once the member's link is checked again.
 */
export async function whoisGithubLogin(
  deps: LinkingDeps,
  params: { guildId: string; login: string },
): Promise<WhoisLink[]> {
  if (!isGithubLogin(params.login)) throw new InvalidGithubLoginError();
  const links = await findLinksByGithubLogin(deps.storage, params.login);
  const members = await Promise.all(
    links.map((link) => deps.discord.isGuildMember(params.guildId, link.discordId)),
  );
  return links.filter((_, index) => members[index]).map((link) => whoisLinkOf(deps, link));
}
