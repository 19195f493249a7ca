import { LinkNotFoundError } from "../errors/index.ts";
import {
  findLinkByDiscordId,
  findLinksByGithubId,
  findLinksByGithubLogin,
  type LinkRecord,
} from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

export { TOKEN_STATUSES } from "../storage/index.ts";

/** The lookup API: which GitHub account a member linked, and the reverse. */
export async function lookupByDiscordId(deps: LinkingDeps, discordId: string): Promise<LinkRecord> {
  const link = await findLinkByDiscordId(deps.storage, discordId);
  if (!link) throw new LinkNotFoundError();
  return link;
}

export const lookupByGithubLogin = (deps: LinkingDeps, login: string): Promise<LinkRecord[]> =>
  atLeastOne(findLinksByGithubLogin(deps.storage, login));

export const lookupByGithubId = (deps: LinkingDeps, githubId: number): Promise<LinkRecord[]> =>
  atLeastOne(findLinksByGithubId(deps.storage, githubId));

async function atLeastOne(found: Promise<LinkRecord[]>): Promise<LinkRecord[]> {
  const links = await found;
  if (links.length === 0) throw new LinkNotFoundError();
  return links;
}
