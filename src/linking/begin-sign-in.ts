import { verifyState } from "../crypto/index.ts";
import { buildDiscordAuthorizeUrl, fetchDiscordIdentity } from "../discord/oauth.ts";
import { WrongDiscordAccountError } from "../errors/index.ts";
import { bindBrowser, markDiscordVerified } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { githubAuthorizeUrlFor } from "./github-authorize.ts";

/**
 * `GET /auth/github/start`: the first browser to open the button owns it. Then Discord is asked
 * who that browser is (when the check is on), or the browser goes straight to GitHub.
 */
export async function beginSignIn(
  deps: LinkingDeps,
  params: { state: string; browserHash: string },
): Promise<string> {
  const claims = verifyState(deps.config.stateSecrets, params.state);
  await bindBrowser(deps.storage, claims.nonce, params.browserHash);
  return deps.config.verifyDiscord
    ? buildDiscordAuthorizeUrl(deps.config, params.state)
    : githubAuthorizeUrlFor(deps, claims, params.state);
}

/**
 * `GET /auth/discord/callback`: only the Discord account that ran /link may go on to GitHub. A
 * signed state plus PKCE cannot stop a forwarded link; only Discord knows whose browser this is.
 */
export async function verifyDiscordIdentity(
  deps: LinkingDeps,
  params: { state: string; code: string; browserHash: string },
): Promise<string> {
  const claims = verifyState(deps.config.stateSecrets, params.state);
  // The state must still be usable and this browser's before Discord is asked anything.
  await bindBrowser(deps.storage, claims.nonce, params.browserHash);
  const identity = await fetchDiscordIdentity(deps.config, params.code);

  if (identity.id !== claims.discordId) {
    deps.log.warn(
      { discordId: claims.discordId },
      "refused a /link button opened by another Discord account",
    );
    throw new WrongDiscordAccountError();
  }
  await markDiscordVerified(deps.storage, claims.nonce, params.browserHash);
  return githubAuthorizeUrlFor(deps, claims, params.state);
}
