import type { LinkingDeps } from "./deps.ts";
import { flagNeedsRelink } from "./flag-needs-relink.ts";

/**
 * The member revoked the app on GitHub: every link to that GitHub account made before the
 * revocation needs re-linking (a link made after it holds a token GitHub issued later), and
 * each member hears it once. Returns how many links changed.
 */
export async function markAuthorizationRevoked(
  deps: LinkingDeps,
  params: { githubId: number; revokedAt: Date },
): Promise<number> {
  const { githubId } = params;
  const flagged = await flagNeedsRelink(
    deps,
    { githubId, linkedBefore: params.revokedAt },
    "authorization revoked on GitHub",
    { dm: true },
  );
  if (flagged.length > 0)
    deps.log.info({ githubId, links: flagged.length }, "authorization revoked on GitHub");
  return flagged.length;
}
