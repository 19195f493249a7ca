import type { Config } from "../config.ts";
import { BadRequestError, DiscordUnavailableError } from "../errors/index.ts";

const TIMEOUT_MS = 10_000;

const discordRedirectUri = (config: Config): string => `${config.publicUrl}/auth/discord/callback`;

/** Discord's sign-in page, asking only who the browser's Discord user is (`identify`). */
export function buildDiscordAuthorizeUrl(config: Config, state: string): string {
  const url = new URL(`${config.discord.apiUrl}/oauth2/authorize`);
  url.search = new URLSearchParams({
    client_id: config.discord.clientId,
    redirect_uri: discordRedirectUri(config),
    response_type: "code",
    scope: "identify",
    state,
    prompt: "none",
  }).toString();
  return url.toString();
}

/** Trades the code for a token and asks Discord whose it is; only the user id is kept. */
export async function fetchDiscordIdentity(config: Config, code: string): Promise<{ id: string }> {
  const token = await callDiscord(`${config.discord.apiUrl}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: config.discord.clientId,
      client_secret: config.discord.clientSecret ?? "",
      grant_type: "authorization_code",
      code,
      redirect_uri: discordRedirectUri(config),
    }),
  });
  if (token.status === 400)
    throw new BadRequestError("Discord did not accept this sign-in; it may have been used already.");
  const { access_token: accessToken } = (await token.json().catch(() => ({}))) as { access_token?: string };
  if (!token.ok || !accessToken) throw new DiscordUnavailableError();
  const me = await callDiscord(`${config.discord.apiUrl}/v10/users/@me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const user = (await me.json().catch(() => ({}))) as { id?: unknown };
  if (!me.ok || typeof user.id !== "string") throw new DiscordUnavailableError();
  return { id: user.id };
}

async function callDiscord(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new DiscordUnavailableError();
  }
}
