import type { LinkSummary, TokenHealth } from "../domain/index.ts";
import { GitHubUnavailableError, NeedsRelinkError, NotLinkedError } from "../errors/index.ts";
import { fetchAuthenticatedUser } from "../github/index.ts";
import { findLinkByDiscordId, updateGithubProfile } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { summarizeLink } from "./link-views.ts";
import { octokitFor } from "./octokit-for.ts";

export interface CheckedLink {
  link: LinkSummary;
  health: TokenHealth;
}

/** Another member's link as anyone may see it: the account only, not checked with GitHub. */
export async function findLinkSummary(deps: LinkingDeps, discordId: string): Promise<LinkSummary | null> {
  const link = await findLinkByDiscordId(deps.storage, discordId);
  return link && summarizeLink(deps.config, link);
}

/**
 * Asks GitHub who the member's token belongs to now (refreshing it if due), so a renamed
 * account or a revoked token shows up; the numeric id is the identity, the login a label.
 */
export async function checkLink(deps: LinkingDeps, discordId: string): Promise<CheckedLink | null> {
  const startedAt = new Date();
  const link = await findLinkByDiscordId(deps.storage, discordId);
  if (!link) return null;
  const stored = summarizeLink(deps.config, link);
  if (link.tokenStatus === "needs_relink") return { link: stored, health: "needs_relink" };
  try {
    const user = await fetchAuthenticatedUser(await octokitFor(deps, discordId));
    const current = (await updateGithubProfile(deps.storage, discordId, user)) ?? link;
    const refreshed = current.tokenRefreshedAt != null && current.tokenRefreshedAt >= startedAt;
    return { link: summarizeLink(deps.config, current), health: refreshed ? "refreshed" : "valid" };
  } catch (err) {
    if (err instanceof NeedsRelinkError) return { link: stored, health: "needs_relink" };
    if (err instanceof NotLinkedError) return null;
    if (!(err instanceof GitHubUnavailableError)) throw err;
    deps.log.warn({ err, discordId }, "could not check the link with GitHub");
    return { link: stored, health: "unchecked" };
  }
}
