import { openTokenSet } from "../crypto/index.ts";
import { revokeTokenSet } from "../github/index.ts";
import { transitionPendingLink } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

/**
 * "Cancel" on the confirmation page: nothing is stored, and the new token is deleted at GitHub
 * (only that token, not the grant, so a link the member already has to the same account keeps
 * working).
 */
export async function cancelPendingLink(
  deps: LinkingDeps,
  params: { pendingId: string; browserHash: string },
): Promise<void> {
  const pending = await transitionPendingLink(deps.storage, params.pendingId, params.browserHash, {
    from: "pending",
    to: "cancelled",
  });
  try {
    await revokeTokenSet(
      deps.github,
      openTokenSet(deps.config.tokenKeys, pending.discord.id, pending.tokens),
      "token",
    );
  } catch (err) {
    deps.log.warn({ err }, "sign-in cancelled, but the new token could not be deleted at GitHub");
  }
}
