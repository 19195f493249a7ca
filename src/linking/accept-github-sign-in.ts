import { deriveCodeVerifier, randomBase64Url, sealTokenSet, verifyState } from "../crypto/index.ts";
import { GitHubAccountTakenError, SignInIncompleteError } from "../errors/index.ts";
import { exchangeCode, fetchUser } from "../github/index.ts";
import {
  consumeLinkState,
  findLinksAround,
  notePendingReplaces,
  savePendingLink,
  transitionPendingLink,
} from "../storage/index.ts";
import { burnCode } from "./burn-code.ts";
import type { LinkingDeps } from "./deps.ts";
import { type ConfirmationView, confirmationViewOf } from "./link-views.ts";
import { revokeUnusedToken } from "./revoke-unused-token.ts";

const CONFIRM_TTL_MS = 10 * 60 * 1000;

/**
 * `GET /auth/github/callback`: proves the state (signature and expiry, then the one-time nonce,
 * bound to this browser), only then asks GitHub for the token and who it belongs to, and keeps
 * the result as a pending link for the confirmation page. Nothing is linked yet.
 */
export async function acceptGitHubSignIn(
  deps: LinkingDeps,
  params: { code: string; state: string; browserHash: string },
): Promise<ConfirmationView> {
  const { config, storage, github } = deps;
  const claims = verifyState(config.stateSecrets, params.state);
  const grant = { code: params.code, codeVerifier: deriveCodeVerifier(claims.secret, claims.nonce) };
  let linkState: Awaited<ReturnType<typeof consumeLinkState>>;
  try {
    linkState = await consumeLinkState(storage, claims.nonce, {
      browserHash: params.browserHash,
      requireDiscordVerified: config.verifyDiscord,
    });
  } catch (err) {
    // Our state, still good for the browser that owns it, in another browser: the code is spent
    // and its token deleted, so the URL is worth nothing to whoever is shown it next.
    if (err instanceof SignInIncompleteError) await burnCode(deps, grant);
    throw err;
  }
  const { scopes, ...tokens } = await exchangeCode(github, grant);
  const account = await fetchUser(github, tokens.accessToken);
  const pending = {
    id: randomBase64Url(16),
    browserHash: params.browserHash,
    discord: linkState.discord,
    guildId: linkState.guildId,
    github: account,
    scopes,
    tokens: sealTokenSet(config.tokenKeys, claims.discordId, tokens),
    interactionToken: linkState.interactionToken,
    replaces: null,
    expiresAt: new Date(Date.now() + CONFIRM_TTL_MS),
  };
  // Saved while the account is checked, a round trip less for the page; a refused one is
  // cancelled at once, so its confirmation can never be used. The same read finds the link
  // this one would replace, which only a re-link then notes on the pending link.
  const [{ taken, current }] = await Promise.all([
    findLinksAround(storage, {
      githubId: account.id,
      discordId: claims.discordId,
      checkTaken: !config.allowSharedGithub,
    }),
    savePendingLink(storage, pending),
  ]);
  if (taken) {
    await transitionPendingLink(storage, pending.id, pending.browserHash, {
      from: "pending",
      to: "cancelled",
    });
    revokeUnusedToken(deps, tokens.accessToken);
    throw new GitHubAccountTakenError(account.login);
  }
  if (current) await notePendingReplaces(storage, pending.id, current);
  return confirmationViewOf(pending);
}
