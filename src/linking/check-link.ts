import { GitHubUnavailableError, NeedsRelinkError, NotLinkedError } from "../errors/index.ts";
import { fetchAuthenticatedUser } from "../github/index.ts";
import { findLinkByDiscordId, type LinkRecord, updateGithubProfile } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { octokitFor } from "./octokit-for.ts";

/** "unchecked": GitHub could not be reached, so the stored link is all there is to show. */
export type TokenHealth = "valid" | "refreshed" | "needs_relink" | "unchecked";

export interface CheckedLink {
  link: LinkRecord;
  health: TokenHealth;
}

/**
 * Asks GitHub who the member's token belongs to now (refreshing it if due), so a renamed
 * account or a revoked token shows up; the numeric id is the identity, the login a label.
 */
export async function checkLink(deps: LinkingDeps, discordId: string): Promise<CheckedLink | null> {
  const startedAt = new Date();
  const link = await findLinkByDiscordId(deps.storage, discordId);
  if (!link) return null;
  if (link.tokenStatus === "needs_relink") return { link, health: "needs_relink" };
  try {
    const user = await fetchAuthenticatedUser(await octokitFor(deps, discordId));
    const current = (await updateGithubProfile(deps.storage, discordId, user)) ?? link;
    const refreshed = current.tokenRefreshedAt != null && current.tokenRefreshedAt >= startedAt;
    return { link: current, health: refreshed ? "refreshed" : "valid" };
  } catch (err) {
    if (err instanceof NeedsRelinkError) return { link, health: "needs_relink" };
    if (err instanceof NotLinkedError) return null;
    if (!(err instanceof GitHubUnavailableError)) throw err;
    deps.log.warn({ err, discordId }, "could not check the link with GitHub");
    return { link, health: "unchecked" };
  }
}
