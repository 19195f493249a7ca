import type { TokenSet } from "../domain/index.ts";
import { GitHubUnavailableError } from "../errors/index.ts";
import type { GitHubClient } from "./client.ts";
import { callGitHub } from "./errors.ts";

/** What GitHub's token endpoint hands out: the token set, and the scopes it was granted. */
export interface IssuedTokens extends TokenSet {
  scopes: string[];
}

interface TokenResponse {
  access_token?: string;
  scope?: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  error?: string;
}

/**
 * `POST /login/oauth/access_token` with the app's credentials and one grant. GitHub answers a
 * refused code or refresh token with HTTP 200 and an `error` field (GitHub-compatible servers
 * may use a 4xx): those in `refusedErrors` become `refused(error)`, and any other answer
 * without a token means GitHub failed us.
 */
export async function requestToken(
  gh: GitHubClient,
  grant: {
    name: string;
    params: Record<string, string>;
    refusedErrors: ReadonlySet<string>;
    refused(error: string): Error;
  },
  now = Date.now(),
): Promise<IssuedTokens> {
  const body = await callGitHub(grant.name, async () => {
    try {
      const { data } = await gh.http(`${gh.config.url}/login/oauth/access_token`, {
        method: "POST",
        headers: { accept: "application/json" },
        json: { client_id: gh.config.clientId, client_secret: gh.config.clientSecret, ...grant.params },
      });
      return readTokenResponse(data);
    } catch (err) {
      // Some GitHub-compatible servers refuse with a 4xx status rather than GitHub's HTTP 200.
      const refusal = readTokenResponse((err as { response?: { data?: unknown } }).response?.data);
      if (refusal.error && grant.refusedErrors.has(refusal.error)) return refusal;
      throw err;
    }
  });
  if (body.error && grant.refusedErrors.has(body.error)) throw grant.refused(body.error);
  if (!body.access_token)
    throw new GitHubUnavailableError(`${grant.name} answered ${body.error ?? "without a token"}`);
  const at = (seconds: number | undefined) => (seconds ? new Date(now + seconds * 1000) : null);
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? null,
    accessExpiresAt: at(body.expires_in),
    refreshExpiresAt: at(body.refresh_token_expires_in),
    scopes: (body.scope ?? "").split(/[\s,]+/).filter(Boolean),
  };
}

/**
 * GitHub answers JSON when asked, and form-encoded otherwise (handed over as text); every form
 * becomes one shape.
 */
function readTokenResponse(data: unknown): TokenResponse {
  const fields =
    typeof data === "string"
      ? Object.fromEntries(new URLSearchParams(data))
      : ((data ?? {}) as Record<string, unknown>);

  const text = (key: string) =>
    typeof fields[key] === "string" && fields[key] !== "" ? (fields[key] as string) : undefined;
  const seconds = (key: string) =>
    Number.isFinite(Number(fields[key])) && Number(fields[key]) > 0 ? Number(fields[key]) : undefined;
  return {
    access_token: text("access_token"),
    scope: text("scope"),
    expires_in: seconds("expires_in"),
    refresh_token: text("refresh_token"),
    refresh_token_expires_in: seconds("refresh_token_expires_in"),
    error: text("error"),
  };
}
