import type { Octokit } from "octokit";
import { openToken } from "../crypto/index.ts";
import { NeedsRelinkError, NotLinkedError } from "../errors/index.ts";
import { createUserOctokit } from "../github/index.ts";
import { findLinkByDiscordId, type LinkRecord } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { flagNeedsRelink } from "./flag-needs-relink.ts";
import { isExpiring, refreshLinkOnce } from "./refresh-link.ts";

/**
 * An Octokit acting as the member: the one way the rest of octolink calls GitHub for someone.
 * An expiring GitHub App token is refreshed first; a link GitHub gave up on throws
 * NeedsRelinkError, a member without a link NotLinkedError.
 */
export async function octokitFor(deps: LinkingDeps, discordId: string): Promise<Octokit> {
  return (await linkedOctokitFor(deps, discordId)).octokit;
}

/** As octokitFor, with the link it acts for (its login, as of the last check). */
export async function linkedOctokitFor(
  deps: LinkingDeps,
  discordId: string,
): Promise<{ octokit: Octokit; link: LinkRecord }> {
  let link = await findLinkByDiscordId(deps.storage, discordId);
  if (!link) throw new NotLinkedError();
  if (link.tokenStatus === "needs_relink") throw new NeedsRelinkError();
  if (isExpiring(link)) link = await refreshLinkOnce(deps, link);
  return { octokit: memberOctokit(deps, link), link };
}

function memberOctokit(deps: LinkingDeps, link: LinkRecord): Octokit {
  const token = openToken(deps.config.tokenKeys, link.discordId, link.accessToken);
  const octokit = createUserOctokit(deps.github, token);
  // GitHub answers 401 to a revoked or expired token: flag the link (unless it has a newer
  // token by now) so /whoami offers a re-link, instead of failing the same way every time.
  octokit.hook.error("request", async (error) => {
    if ((error as { status?: number }).status !== 401) throw error;
    const flagged = await flagNeedsRelink(
      deps,
      { discordId: link.discordId, accessToken: link.accessToken },
      "GitHub refused the token",
    );
    if (flagged.length > 0)
      deps.log.info({ discordId: link.discordId }, "GitHub refused the token: link needs re-link");
    throw new NeedsRelinkError();
  });
  return octokit;
}
