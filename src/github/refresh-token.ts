import type { GitHubClient } from "./client.ts";
import { requestToken, type IssuedTokens } from "./token-endpoint.ts";

/** GitHub refused the refresh token: expired, already used, or the member revoked the app. */
export class RefreshTokenRejectedError extends Error {
  constructor(readonly reason: string) {
    super(`GitHub refused the refresh token (${reason})`);
    this.name = "RefreshTokenRejectedError";
  }
}

const REFUSED_REFRESH_ERRORS = new Set(["bad_refresh_token", "invalid_grant"]);

/** Trades a GitHub App refresh token (single use) for a new access and refresh token. */
export function refreshToken(gh: GitHubClient, token: string, now = Date.now()): Promise<IssuedTokens> {
  return requestToken(
    gh,
    {
      name: "token refresh",
      params: { grant_type: "refresh_token", refresh_token: token },
      refusedErrors: REFUSED_REFRESH_ERRORS,
      refused: (error) => new RefreshTokenRejectedError(error),
    },
    now,
  );
}
