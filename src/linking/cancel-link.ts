import { openToken } from "../crypto/index.ts";
import { revokeNewToken } from "../github/index.ts";
import { transitionPendingLink } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

/**
 * "Cancel" on the confirmation page: nothing is stored, and the new token is deleted at GitHub
 * (only that token, so a link the member already has to the same account keeps working).
 */
export async function cancelPendingLink(
  deps: LinkingDeps,
  params: { pendingId: string; browserHash: string },
): Promise<void> {
  const pending = await transitionPendingLink(deps.storage, params.pendingId, params.browserHash, {
    from: "pending",
    to: "cancelled",
  });
  const open = (sealed: string) => openToken(deps.config.tokenKeys, pending.discordId, sealed);
  try {
    await revokeNewToken(deps.github, {
      accessToken: open(pending.accessToken),
      refreshToken: pending.refreshToken ? open(pending.refreshToken) : null,
      accessExpiresAt: pending.accessExpiresAt,
    });
  } catch (err) {
    deps.log.warn({ err }, "sign-in cancelled, but the new token could not be deleted at GitHub");
  }
}
