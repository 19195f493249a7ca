import { transitionPendingLink } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { type UnlinkResult, unlinkMember } from "./unlink.ts";

/** "Not you? Undo" on the success page, from the browser that confirmed it. */
export async function undoConfirmedLink(
  deps: LinkingDeps,
  params: { pendingId: string; browserHash: string },
): Promise<UnlinkResult & { githubLogin: string }> {
  const pending = await transitionPendingLink(deps.storage, params.pendingId, params.browserHash, {
    from: "linked",
    to: "undone",
  });
  const result = await unlinkMember(deps, pending.discord.id, {
    githubId: pending.github.id,
    revokeGrant: true,
    cause: {
      action: "undone",
      actorId: pending.discord.id,
      guildId: pending.guildId,
      detail: "Not you? Undo on the success page",
    },
  });
  return { ...result, githubLogin: pending.github.login };
}
