import { openToken } from "../crypto/index.ts";
import { revokeToken } from "../github/index.ts";
import { transitionPendingLink } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

/** "Cancel" on the confirmation page: nothing is stored, and the new token is deleted at GitHub. */
export async function cancelPendingLink(deps: LinkingDeps, params: { pendingId: string; browserHash: string }): Promise<void> {
  const pending = await transitionPendingLink(deps.storage, params.pendingId, params.browserHash, { from: "pending", to: "cancelled" });
  try {
    await revokeToken(deps.github, openToken(deps.config.tokenKeys, pending.discordId, pending.accessToken));
  } catch (err) {
    deps.log.warn({ err }, "sign-in cancelled, but the new token could not be deleted at GitHub");
  }
}
