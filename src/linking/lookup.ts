import { LinkNotFoundError } from "../errors/index.ts";
import {
  findLinkByDiscordId,
  findLinksByGithubId,
  findLinksByGithubLogin,
  type LinkRecord,
  type TokenStatus,
} from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

export { TOKEN_STATUSES } from "../storage/index.ts";

/** A link as other services see it: who, which GitHub account, since when, and whether GitHub still accepts it. */
export interface LinkLookup {
  discordId: string;
  githubId: number;
  githubLogin: string;
  linkedAt: Date;
  tokenStatus: TokenStatus;
}

const lookupOf = (link: LinkRecord): LinkLookup => ({
  discordId: link.discordId,
  githubId: link.githubId,
  githubLogin: link.githubLogin,
  linkedAt: link.linkedAt,
  tokenStatus: link.tokenStatus ?? "valid",
});

/** The lookup API: which GitHub account a member linked, and the reverse. */
export async function lookupByDiscordId(deps: LinkingDeps, discordId: string): Promise<LinkLookup> {
  const link = await findLinkByDiscordId(deps.storage, discordId);
  if (!link) throw new LinkNotFoundError();
  return lookupOf(link);
}

export const lookupByGithubLogin = (deps: LinkingDeps, login: string): Promise<LinkLookup[]> =>
  atLeastOne(findLinksByGithubLogin(deps.storage, login));

export const lookupByGithubId = (deps: LinkingDeps, githubId: number): Promise<LinkLookup[]> =>
  atLeastOne(findLinksByGithubId(deps.storage, githubId));

async function atLeastOne(found: Promise<LinkRecord[]>): Promise<LinkLookup[]> {
  const links = await found;
  if (links.length === 0) throw new LinkNotFoundError();
  return links.map(lookupOf);
}
