import type { GitHubClient } from "./client.ts";
import { RefreshTokenRejectedError, refreshToken } from "./refresh-token.ts";
import { revokeGrant, revokeToken } from "./revoke.ts";
import type { TokenSet } from "./token-endpoint.ts";

type Revocable = Pick<TokenSet, "accessToken" | "refreshToken" | "accessExpiresAt">;

// A token about to expire may be dead by the time GitHub reads the request.
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Revokes with a token GitHub still accepts. OAuth App tokens never expire; a GitHub App token
 * past its 8 hours is refreshed first (the new pair dies with the revocation). If GitHub refuses
 * the refresh, the old token is sent anyway: GitHub's 404 for it counts as already revoked.
 * "grant" deletes the whole authorization and then the token itself, so the token is gone
 * even where GitHub keeps it past the grant (its 404 there means it already is). True only
 * when GitHub confirmed deleting something: a token it no longer knew revokes nothing.
 */
export async function revokeTokenSet(
  gh: GitHubClient,
  tokens: Revocable,
  what: "token" | "grant",
  now = Date.now(),
): Promise<boolean> {
  const accessToken = await usableAccessToken(gh, tokens, now);
  const grantRevoked = what === "grant" && (await revokeGrant(gh, accessToken));
  const tokenRevoked = await revokeToken(gh, accessToken);
  return grantRevoked || tokenRevoked;
}

/**
 * For the confirmation page's Cancel: deletes the token just issued and nothing else, so a
 * link the member already has with the same GitHub account keeps working.
 */
export const revokeNewToken = (gh: GitHubClient, tokens: Revocable): Promise<boolean> =>
  revokeTokenSet(gh, tokens, "token");

async function usableAccessToken(gh: GitHubClient, tokens: Revocable, now: number) {
  const expiresAt = tokens.accessExpiresAt?.getTime();
  if (!tokens.refreshToken || expiresAt === undefined || expiresAt - now > EXPIRY_MARGIN_MS)
    return tokens.accessToken;
  try {
    return (await refreshToken(gh, tokens.refreshToken, now)).accessToken;
  } catch (err) {
    if (err instanceof RefreshTokenRejectedError) return tokens.accessToken;
    throw err;
  }
}
