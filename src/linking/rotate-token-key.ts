import { isSealedUnderCurrentKey, openToken, sealToken } from "../crypto/index.ts";
import { type ResealCount, resealAll } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

/**
 * Reseals every stored token under the first TOKEN_ENCRYPTION_KEY. A value no configured key
 * opens stops the run before anything is written for it, so no token is lost.
 */
export function rotateTokenKey(deps: Pick<LinkingDeps, "config" | "storage">): Promise<ResealCount> {
  const keys = deps.config.tokenKeys;
  return resealAll(deps.storage, (discordId, sealed) =>
    isSealedUnderCurrentKey(keys, sealed)
      ? null
      : sealToken(keys, discordId, openToken(keys, discordId, sealed)),
  );
}
