import { consumeBrowserState, findLinksByGithubId } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { unlinkMember } from "./unlink.ts";

export interface OwnerRemoval {
  githubLogin: string;
  removed: number;
  revokedAtGitHub: boolean;
}

/**
 * `POST /auth/github/remove`, from the browser that signed in as the GitHub owner, once: every
 * link to that GitHub account goes, the app's grant is revoked with the links' own tokens, and
 * each member is told by DM (written with the unlink's other effects, before its delete). Cancel
 * changes nothing.
 */
export async function answerOwnerRemoval(
  deps: LinkingDeps,
  params: { removalId: string; browserHash: string; action: "remove" | "cancel" },
): Promise<OwnerRemoval> {
  const confirmed = await consumeBrowserState(
    deps.storage,
    "remove-confirm",
    params.removalId,
    params.browserHash,
  );
  const githubId = confirmed.githubId ?? 0;
  const githubLogin = confirmed.githubLogin ?? "";
  if (params.action === "cancel") return { githubLogin, removed: 0, revokedAtGitHub: false };
  let removed = 0;
  let revokedAtGitHub = false;
  for (const link of await findLinksByGithubId(deps.storage, githubId)) {
    const result = await unlinkMember(deps, link.discordId, {
      githubId,
      revokeGrant: true,
      dmRemovedByOwner: true,
      cause: { action: "removed_by_github_owner", actorId: null, guildId: null },
    });
    if (!result.removed) continue;
    removed += 1;
    revokedAtGitHub ||= result.revokedAtGitHub;
  }
  deps.log.info({ githubId, links: removed }, "GitHub owner removed the links to their account");
  return { githubLogin, removed, revokedAtGitHub };
}
