import type { Config } from "../config.ts";
import type { TokenSet } from "../domain/index.ts";
import { DiscordUnavailableError } from "../errors/index.ts";

const TIMEOUT_MS = 10_000;

/** A member's Discord token set and the scopes Discord granted with it. */
export interface DiscordGrant {
  tokens: TokenSet;
  scopes: string[];
}

/** Discord no longer honours the refresh token: the member removed octolink from Authorized Apps. */
export class DiscordGrantRevokedError extends Error {
  constructor() {
    super("Discord refused the refresh token (invalid_grant)");
    this.name = "DiscordGrantRevokedError";
  }
}

export const clientCredentials = (config: Config) => ({
  client_id: config.discord.clientId,
  client_secret: config.discord.clientSecret ?? "",
});

export async function callDiscord(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new DiscordUnavailableError();
  }
}

/** Discord's token response, or null when it is not one. */
export function readDiscordGrant(json: unknown, now = Date.now()): DiscordGrant | null {
  const body = json as {
    access_token?: unknown;
    refresh_token?: unknown;
    expires_in?: unknown;
    scope?: unknown;
  };
  if (typeof body.access_token !== "string" || !body.access_token) return null;
  return {
    tokens: {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : null,
      accessExpiresAt: typeof body.expires_in === "number" ? new Date(now + body.expires_in * 1000) : null,
      refreshExpiresAt: null,
    },
    scopes: typeof body.scope === "string" ? body.scope.split(" ").filter(Boolean) : [],
  };
}

/** `grant_type=refresh_token`: a new pair (Discord's refresh tokens are single use). */
export async function refreshDiscordToken(config: Config, refreshToken: string): Promise<DiscordGrant> {
  const res = await callDiscord(`${config.discord.apiUrl}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      ...clientCredentials(config),
      grant_type: "refresh_token",
      refresh_token: refreshToken,
    }),
  });
  const json = await res.json().catch(() => ({}));
  if (res.status === 400 && (json as { error?: unknown }).error === "invalid_grant")
    throw new DiscordGrantRevokedError();
  const grant = res.ok ? readDiscordGrant(json) : null;
  if (!grant) throw new DiscordUnavailableError();
  return grant;
}
