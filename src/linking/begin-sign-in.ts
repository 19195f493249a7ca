import {
  computeCodeChallenge,
  createNonce,
  deriveCodeVerifier,
  signState,
  verifyState,
} from "../crypto/index.ts";
import {
  buildDiscordAuthorizeUrl,
  burnDiscordCode,
  identifyDiscordUser,
  revokeDiscordToken,
} from "../discord/oauth.ts";
import { SignInIncompleteError, WrongDiscordAccountError } from "../errors/index.ts";
import { bindBrowser, consumeBrowserState, markDiscordVerified, saveBrowserState } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { githubAuthorizeUrlFor } from "./github-authorize.ts";
import { keepDiscordGrant } from "./role-connections/keep-discord-grant.ts";

// Discord's codes live 10 minutes; so does the step's state, and never past the button's own.
const DISCORD_STEP_TTL_MS = 10 * 60 * 1000;

/**
 * `GET /auth/github/start`: the first browser to open the button owns it. Then Discord is asked
 * who that browser is (when the check is on), or the browser goes straight to GitHub.
 */
export async function beginSignIn(
  deps: LinkingDeps,
  params: { state: string; browserHash: string },
  now = Date.now(),
): Promise<string> {
  const claims = verifyState(deps.config.stateSecrets, params.state);
  await bindBrowser(deps.storage, claims.nonce, params.browserHash);
  if (!deps.config.verifyDiscord) return githubAuthorizeUrlFor(deps, claims, params.state);

  // The Discord step gets a state of its own, used once and only by this browser: Discord's
  // code in someone else's browser is refused there, and a state no browser opened does not exist.
  const [secret = claims.secret] = deps.config.stateSecrets;
  const nonce = createNonce();
  const expiresAt = Math.min(claims.expiresAt, now + DISCORD_STEP_TTL_MS);
  await saveBrowserState(deps.storage, {
    nonce,
    purpose: "discord",
    browserHash: params.browserHash,
    linkNonce: claims.nonce,
    githubId: null,
    githubLogin: null,
    expiresAt: new Date(expiresAt),
  });
  const state = signState(
    secret,
    { discordId: claims.discordId, guildId: claims.guildId, nonce, expiresAt },
    "discord",
  );
  const codeChallenge = computeCodeChallenge(deriveCodeVerifier(secret, nonce));
  return buildDiscordAuthorizeUrl(deps.config, { state, codeChallenge });
}

/**
 * `GET /auth/discord/callback`: only the Discord account that ran /link may go on to GitHub. A
 * signed state plus PKCE cannot stop a forwarded link; only Discord knows whose browser this is.
 */
export async function verifyDiscordIdentity(
  deps: LinkingDeps,
  params: { state: string; code: string; browserHash: string | undefined },
): Promise<string> {
  const claims = verifyState(deps.config.stateSecrets, params.state, "discord");
  const codeVerifier = deriveCodeVerifier(claims.secret, claims.nonce);
  let step: Awaited<ReturnType<typeof consumeBrowserState>>;
  try {
    step = await consumeBrowserState(deps.storage, "discord", claims.nonce, params.browserHash);
  } catch (err) {
    // Our own state in the wrong browser: a login CSRF, or a URL passed on. The code is spent
    // here so the URL buys nothing, and the state stays usable in the browser that owns it.
    if (err instanceof SignInIncompleteError) {
      deps.log.warn({ discordId: claims.discordId }, "refused a Discord sign-in from another browser");
      await burnDiscordCode(deps, { code: params.code, codeVerifier });
    }
    throw err;
  }
  const identity = await identifyDiscordUser(deps, {
    code: params.code,
    codeVerifier,
    keep: deps.config.linkedRoles,
  });
  if (identity.account.id !== claims.discordId) {
    if (identity.grant) await revokeDiscordToken(deps, identity.grant.tokens.accessToken);
    deps.log.warn(
      { discordId: claims.discordId },
      "refused a /link button opened by another Discord account",
    );
    throw new WrongDiscordAccountError();
  }
  // Linked Roles: the same sign-in lets octolink push the member's role connection after Link.
  if (identity.grant) await keepDiscordGrant(deps, claims.discordId, identity.grant);
  // The GitHub step takes the button's own state; it is signed again from its record, since the
  // original is not stored (and a state from before a secret rotation comes out current).
  const linkState = await markDiscordVerified(deps.storage, step.linkNonce ?? "", step.browserHash);
  const [secret = claims.secret] = deps.config.stateSecrets;
  const linkClaims = {
    discordId: linkState.discord.id,
    guildId: linkState.guildId,
    nonce: linkState.nonce,
    expiresAt: linkState.expiresAt.getTime(),
  };
  return githubAuthorizeUrlFor(deps, { secret, nonce: linkState.nonce }, signState(secret, linkClaims));
}
