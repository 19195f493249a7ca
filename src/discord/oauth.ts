import type { Config } from "../config.ts";
import { BadRequestError, DiscordUnavailableError } from "../errors/index.ts";
import type { Logger } from "../log.ts";

const TIMEOUT_MS = 10_000;

const discordRedirectUri = (config: Config): string => `${config.publicUrl}/auth/discord/callback`;

/** Discord's sign-in page, asking only who the browser's Discord user is (`identify`), with PKCE. */
export function buildDiscordAuthorizeUrl(
  config: Config,
  params: { state: string; codeChallenge: string },
): string {
  const url = new URL(`${config.discord.apiUrl}/oauth2/authorize`);
  url.search = new URLSearchParams({
    client_id: config.discord.clientId,
    redirect_uri: discordRedirectUri(config),
    response_type: "code",
    scope: "identify",
    state: params.state,
    code_challenge: params.codeChallenge,
    code_challenge_method: "S256",
    prompt: "none",
  }).toString();
  return url.toString();
}

type Deps = { config: Config; log: Logger };

/**
 * Trades the code for a token, asks Discord whose it is, and revokes the token at once: its
 * one answer is all octolink needs, so nothing that can act as the member is left lying about.
 */
export async function identifyDiscordUser(
  deps: Deps,
  params: { code: string; codeVerifier: string },
): Promise<{ id: string }> {
  const accessToken = await exchangeDiscordCode(deps.config, params);
  try {
    const me = await callDiscord(`${deps.config.discord.apiUrl}/v10/users/@me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const user = (await me.json().catch(() => ({}))) as { id?: unknown };
    if (!me.ok || typeof user.id !== "string") throw new DiscordUnavailableError();
    return { id: user.id };
  } finally {
    await revokeDiscordToken(deps, accessToken);
  }
}

/**
 * For a code that reached the wrong browser: redeem it and revoke what it bought, so the URL
 * it came in is worth nothing to whoever gets it next. Failing costs only a log line.
 */
export async function burnDiscordCode(deps: Deps, params: { code: string; codeVerifier: string }) {
  try {
    await revokeDiscordToken(deps, await exchangeDiscordCode(deps.config, params));
  } catch (err) {
    deps.log.info({ err }, "could not redeem a refused Discord code (it may have been used already)");
  }
}

async function exchangeDiscordCode(
  config: Config,
  params: { code: string; codeVerifier: string },
): Promise<string> {
  const token = await callDiscord(`${config.discord.apiUrl}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      ...clientCredentials(config),
      grant_type: "authorization_code",
      code: params.code,
      redirect_uri: discordRedirectUri(config),
      code_verifier: params.codeVerifier,
    }),
  });
  if (token.status === 400)
    throw new BadRequestError("Discord did not accept this sign-in; it may have been used already.");
  const { access_token: accessToken } = (await token.json().catch(() => ({}))) as { access_token?: string };
  if (!token.ok || !accessToken) throw new DiscordUnavailableError();
  return accessToken;
}

/** RFC 7009 at Discord: revoking the access token ends its refresh token too. */
async function revokeDiscordToken(deps: Deps, accessToken: string): Promise<void> {
  try {
    const res = await callDiscord(`${deps.config.discord.apiUrl}/oauth2/token/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        ...clientCredentials(deps.config),
        token: accessToken,
        token_type_hint: "access_token",
      }),
    });
    if (!res.ok) throw new Error(`Discord answered ${res.status} to the token revocation`);
  } catch (err) {
    deps.log.warn({ err }, "could not revoke a Discord sign-in token");
  }
}

const clientCredentials = (config: Config) => ({
  client_id: config.discord.clientId,
  client_secret: config.discord.clientSecret ?? "",
});

async function callDiscord(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new DiscordUnavailableError();
  }
}
