import { CodeRejectedError, GitHubUnavailableError } from "../errors.ts";
import type { GitHubClient } from "./client.ts";
import { callGitHub } from "./errors.ts";

export interface TokenSet {
  accessToken: string;
  /** GitHub App user tokens expire and come with a refresh token; OAuth App tokens do not. */
  refreshToken: string | null;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  scopes: string[];
}

export interface TokenResponse {
  access_token?: string;
  scope?: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  error?: string;
}

// GitHub answers a refused code with HTTP 200 and an `error` field, not with a 4xx.
const REFUSED_CODE_ERRORS = new Set(["bad_verification_code", "invalid_grant"]);

export async function exchangeCode(
  gh: GitHubClient,
  params: { code: string; codeVerifier: string },
  now = Date.now(),
): Promise<TokenSet> {
  const { data } = await callGitHub("token exchange", () =>
    gh.octokit.request("POST /login/oauth/access_token", {
      baseUrl: gh.config.url,
      headers: { accept: "application/json" },
      client_id: gh.config.clientId,
      client_secret: gh.config.clientSecret,
      code: params.code,
      redirect_uri: gh.redirectUri,
      code_verifier: params.codeVerifier,
    }),
  );
  const body = data as TokenResponse;
  if (body.error && REFUSED_CODE_ERRORS.has(body.error)) throw new CodeRejectedError();
  if (!body.access_token)
    throw new GitHubUnavailableError(`token exchange answered ${body.error ?? "without a token"}`);
  return toTokenSet({ ...body, access_token: body.access_token }, now);
}

export function toTokenSet(body: TokenResponse & { access_token: string }, now: number): TokenSet {
  const at = (seconds: number | undefined) => (seconds ? new Date(now + seconds * 1000) : null);
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? null,
    accessExpiresAt: at(body.expires_in),
    refreshExpiresAt: at(body.refresh_token_expires_in),
    scopes: (body.scope ?? "").split(/[\s,]+/).filter(Boolean),
  };
}
