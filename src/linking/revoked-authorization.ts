import type { LinkingDeps } from "./deps.ts";
import { flagNeedsRelink } from "./flag-needs-relink.ts";

/**
 * The member revoked the app on GitHub: every link to that GitHub account needs re-linking,
 * and each member hears it once (a redelivered event finds nothing left to change).
 * Returns how many links changed.
 */
export async function markAuthorizationRevoked(deps: LinkingDeps, githubId: number): Promise<number> {
  const flagged = await flagNeedsRelink(deps, { githubId }, "authorization revoked on GitHub");
  for (const link of flagged) {
    deps.notifier.notifyRelinkNeeded({ discordId: link.discordId, githubLogin: link.githubLogin });
  }
  if (flagged.length > 0)
    deps.log.info({ githubId, links: flagged.length }, "authorization revoked on GitHub");
  return flagged.length;
}
