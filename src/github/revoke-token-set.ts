import type { TokenSet } from "../domain/index.ts";
import { basicAuth, type GitHubClient } from "./client.ts";
import { callGitHub } from "./errors.ts";
import { RefreshTokenRejectedError, refreshToken } from "./refresh-token.ts";

type Revocable = Pick<TokenSet, "accessToken" | "refreshToken" | "accessExpiresAt">;

// A token about to expire may be dead by the time GitHub reads the request.
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Revokes with a token GitHub still accepts. OAuth App tokens never expire; a GitHub App token
 * past its 8 hours is refreshed first (the new pair dies with the revocation). If GitHub refuses
 * the refresh, the old token is sent anyway: GitHub's 404 for it counts as already revoked.
 * "token" deletes that token only (a link the member has elsewhere to the account keeps
 * working); "grant" deletes the whole authorization and then the token itself, so the token is
 * gone even where GitHub keeps it past the grant (its 404 there means it already is). True only
 * when GitHub confirmed deleting something: a token it no longer knew revokes nothing.
 */
export async function revokeTokenSet(
  gh: GitHubClient,
  tokens: Revocable,
  what: "token" | "grant",
  now = Date.now(),
): Promise<boolean> {
  const accessToken = await usableAccessToken(gh, tokens, now);
  const grantRevoked = what === "grant" && (await deleteApplicationAuthorization(gh, "grant", accessToken));
  const tokenRevoked = await deleteApplicationAuthorization(gh, "token", accessToken);
  return grantRevoked || tokenRevoked;
}

/** Just this access token (or its whole grant): for a token no link holds. */
export const revokeAccessToken = (gh: GitHubClient, accessToken: string, what: "token" | "grant" = "token") =>
  revokeTokenSet(gh, { accessToken, refreshToken: null, accessExpiresAt: null }, what);

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

/**
 * True when GitHub deleted it; false when GitHub answered 404, not knowing the token (already
 * revoked, or replaced by a refresh): gone either way, but not revoked by this call.
 */
function deleteApplicationAuthorization(
  gh: GitHubClient,
  kind: "token" | "grant",
  accessToken: string,
): Promise<boolean> {
  return callGitHub(`DELETE /applications/{client_id}/${kind}`, async () => {
    try {
      await gh.octokit.request(`DELETE /applications/{client_id}/${kind}`, {
        client_id: gh.config.clientId,
        access_token: accessToken,
        headers: { authorization: basicAuth(gh) },
      });
      return true;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      return false;
    }
  });
}
