import { openToken, sealTokenSet } from "../../crypto/index.ts";
import type { DiscordGrant } from "../../discord/oauth-tokens.ts";
import { revokeDiscordToken } from "../../discord/oauth.ts";
import { saveDiscordTokens } from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";

export const ROLE_CONNECTIONS_SCOPE = "role_connections.write";

/**
 * Keeps the member's Discord token set, sealed, for Linked Roles pushes. A grant without
 * `role_connections.write` could push nothing, so it is revoked instead of kept. True when kept.
 */
export async function keepDiscordGrant(
  deps: LinkingDeps,
  discordId: string,
  grant: DiscordGrant,
): Promise<boolean> {
  if (!grant.scopes.includes(ROLE_CONNECTIONS_SCOPE)) {
    await revokeDiscordToken(deps, grant.tokens.accessToken);
    return false;
  }
  const replaced = await saveDiscordTokens(deps.storage, {
    discordId,
    tokens: sealTokenSet(deps.config.tokenKeys, discordId, grant.tokens),
    scopes: grant.scopes,
  });
  // The member's earlier sign-in is no longer kept anywhere: it should not live on at Discord.
  if (replaced)
    await revokeDiscordToken(deps, openToken(deps.config.tokenKeys, discordId, replaced.tokens.accessToken));
  return true;
}
