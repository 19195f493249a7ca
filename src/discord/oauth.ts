import type { Config } from "../config.ts";
import type { DiscordAccount } from "../domain/index.ts";
import { BadRequestError, DiscordUnavailableError } from "../errors/index.ts";
import type { Logger } from "../log.ts";
import { callDiscord, clientCredentials, type DiscordGrant, readDiscordGrant } from "./oauth-tokens.ts";

const discordRedirectUri = (config: Config): string => `${config.publicUrl}/auth/discord/callback`;

/** `identify` only, or with `role_connections.write` so Linked Roles can be pushed as the member. */
export const discordScopes = (config: Config): string[] =>
  config.linkedRoles ? ["identify", "role_connections.write"] : ["identify"];

/** Discord's sign-in page, asking who the browser's Discord user is (and Linked Roles when on), with PKCE. */
export function buildDiscordAuthorizeUrl(
  config: Config,
  params: { state: string; codeChallenge: string },
): string {
  const url = new URL(`${config.discord.apiUrl}/oauth2/authorize`);
  url.search = new URLSearchParams({
    client_id: config.discord.clientId,
    redirect_uri: discordRedirectUri(config),
    response_type: "code",
    scope: discordScopes(config).join(" "),
    state: params.state,
    code_challenge: params.codeChallenge,
    code_challenge_method: "S256",
    prompt: "none",
  }).toString();
  return url.toString();
}

type Deps = { config: Config; log: Logger };

export interface DiscordSignIn {
  account: DiscordAccount;
  /** The member's token set, kept only when asked to (Linked Roles); otherwise already revoked. */
  grant: DiscordGrant | null;
}

/**
 * Trades the code for a token and asks Discord whose it is. Unless `keep` (Linked Roles, which
 * pushes with it later), the token is revoked at once: its one answer is all octolink needs,
 * so nothing that can act as the member is left lying about.
 */
export async function identifyDiscordUser(
  deps: Deps,
  params: { code: string; codeVerifier: string; keep?: boolean },
): Promise<DiscordSignIn> {
  const grant = await exchangeDiscordCode(deps.config, params);
  let kept = false;
  try {
    const me = await callDiscord(`${deps.config.discord.apiUrl}/v10/users/@me`, {
      headers: { authorization: `Bearer ${grant.tokens.accessToken}` },
    });
    const user = (await me.json().catch(() => ({}))) as DiscordUserJson;
    if (!me.ok || typeof user.id !== "string") throw new DiscordUnavailableError();
    kept = params.keep === true;
    return { account: discordAccountOf({ ...user, id: user.id }), grant: kept ? grant : null };
  } finally {
    if (!kept) await revokeDiscordToken(deps, grant.tokens.accessToken);
  }
}

/**
 * For a code that reached the wrong browser: redeem it and revoke what it bought, so the URL
 * it came in is worth nothing to whoever gets it next. Failing costs only a log line.
 */
export async function burnDiscordCode(deps: Deps, params: { code: string; codeVerifier: string }) {
  try {
    await revokeDiscordToken(deps, (await exchangeDiscordCode(deps.config, params)).tokens.accessToken);
  } catch (err) {
    deps.log.info({ err }, "could not redeem a refused Discord code (it may have been used already)");
  }
}

async function exchangeDiscordCode(
  config: Config,
  params: { code: string; codeVerifier: string },
): Promise<DiscordGrant> {
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
  const grant = token.ok ? readDiscordGrant(await token.json().catch(() => ({}))) : null;
  if (!grant) throw new DiscordUnavailableError();
  return grant;
}

/** RFC 7009 at Discord: revoking the access token ends its refresh token too. */
export async function revokeDiscordToken(deps: Deps, accessToken: string): Promise<void> {
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

interface DiscordUserJson {
  id?: unknown;
  username?: string;
  global_name?: string | null;
  avatar?: string | null;
}

/** As discord.js's displayAvatarURL: the member's avatar, or Discord's default one for their id. */
const discordAccountOf = (user: DiscordUserJson & { id: string }): DiscordAccount => ({
  id: user.id,
  username: user.username ?? user.id,
  displayName: user.global_name ?? null,
  avatarUrl: user.avatar
    ? `https://cdn.discordapp.com/avatars/${user.id}/${user.avatar}.png?size=128`
    : `https://cdn.discordapp.com/embed/avatars/${Number((BigInt(user.id) >> 22n) % 6n)}.png`,
});
