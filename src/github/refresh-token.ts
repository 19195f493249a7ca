import { GitHubUnavailableError } from "../errors.ts";
import type { GitHubClient } from "./client.ts";
import { callGitHub } from "./errors.ts";
import { type TokenResponse, type TokenSet, toTokenSet } from "./exchange-code.ts";

/** GitHub refused the refresh token: expired, already used, or the member revoked the app. */
export class RefreshTokenRejectedError extends Error {
  constructor(readonly reason: string) {
    super(`GitHub refused the refresh token (${reason})`);
    this.name = "RefreshTokenRejectedError";
  }
}

// As with codes, GitHub answers a refused refresh token with HTTP 200 and an `error` field.
const REFUSED_REFRESH_ERRORS = new Set(["bad_refresh_token", "invalid_grant"]);

/** Trades a GitHub App refresh token (single use) for a new access and refresh token. */
export async function refreshToken(
  gh: GitHubClient,
  token: string,
  now = Date.now(),
): Promise<TokenSet> {
  const { data } = await callGitHub("token refresh", () =>
    gh.octokit.request("POST /login/oauth/access_token", {
      baseUrl: gh.config.url,
      headers: { accept: "application/json" },
      client_id: gh.config.clientId,
      client_secret: gh.config.clientSecret,
      grant_type: "refresh_token",
      refresh_token: token,
    }),
  );
  const body = data as TokenResponse;
  if (body.error && REFUSED_REFRESH_ERRORS.has(body.error))
    throw new RefreshTokenRejectedError(body.error);
  if (!body.access_token)
    throw new GitHubUnavailableError(`token refresh answered ${body.error ?? "without a token"}`);
  return toTokenSet({ ...body, access_token: body.access_token }, now);
}
