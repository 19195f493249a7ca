import { markNeedsRelink } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

/**
 * The member revoked the app on GitHub: every link to that GitHub account needs re-linking,
 * and each member hears it once (a redelivered event finds nothing left to change).
 * Returns how many links changed.
 */
export async function markAuthorizationRevoked(deps: LinkingDeps, githubId: number): Promise<number> {
  const flagged = await markNeedsRelink(deps.storage, { githubId });
  await deps.notifier.notifyRelinkNeeded(
    flagged.map((link) => ({
      discordId: link.discordId,
      githubLogin: link.githubLogin,
      flaggedAt: link.needsRelinkAt ?? new Date(),
    })),
  );
  if (flagged.length > 0)
    deps.log.info({ githubId, links: flagged.length }, "authorization revoked on GitHub");
  return flagged.length;
}
