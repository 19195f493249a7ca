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
 * gone even where GitHub keeps it past the grant (its 404 there means it already is).
 */
export async function revokeTokenSet(
  gh: GitHubClient,
  tokens: Revocable,
  what: "token" | "grant",
  now = Date.now(),
): Promise<void> {
  const accessToken = await usableAccessToken(gh, tokens, now);
  if (what === "grant") await deleteApplicationAuthorization(gh, "grant", accessToken);
  await deleteApplicationAuthorization(gh, "token", accessToken);
}

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

/** GitHub answers 404 for a token or grant it no longer knows, which is what we wanted anyway. */
async function deleteApplicationAuthorization(
  gh: GitHubClient,
  kind: "token" | "grant",
  accessToken: string,
) {
  await callGitHub(`DELETE /applications/{client_id}/${kind}`, async () => {
    try {
      await gh.octokit.request(`DELETE /applications/{client_id}/${kind}`, {
        client_id: gh.config.clientId,
        access_token: accessToken,
        headers: { authorization: basicAuth(gh) },
      });
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
    }
  });
}
