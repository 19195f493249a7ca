import { deriveCodeVerifier, openToken, sealToken, verifyState } from "../crypto/index.ts";
import { exchangeCode, fetchUser, type GitHubUser, revokeToken } from "../github/index.ts";
import { consumeLinkState, type LinkRecord, saveLink } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

export interface CompletedLink {
  discordId: string;
  user: GitHubUser;
}

/**
 * The callback's work, in the order that keeps GitHub out of it until the state is proven:
 * signature and expiry, then the one-time nonce, then the code exchange and `/user`.
 */
export async function completeLink(
  deps: LinkingDeps,
  params: { code: string; state: string },
): Promise<CompletedLink> {
  const { config, storage, github } = deps;
  const claims = verifyState(config.stateSecrets, params.state);
  const linkState = await consumeLinkState(storage, claims.nonce);
  const tokens = await exchangeCode(github, {
    code: params.code,
    codeVerifier: deriveCodeVerifier(claims.secret, claims.nonce),
  });
  const user = await fetchUser(github, tokens.accessToken);
  const seal = (value: string) => sealToken(config.tokenKeys, claims.discordId, value);
  const previous = await saveLink(storage, {
    discordId: claims.discordId,
    githubId: user.id,
    githubLogin: user.login,
    githubName: user.name,
    avatarUrl: user.avatarUrl,
    scopes: tokens.scopes,
    accessToken: seal(tokens.accessToken),
    refreshToken: tokens.refreshToken ? seal(tokens.refreshToken) : null,
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshExpiresAt,
  });
  if (previous) retireReplacedToken(deps, previous, tokens.accessToken);
  deps.notifier.notifyLinked({
    discordId: claims.discordId,
    interactionToken: openToken(config.tokenKeys, claims.discordId, linkState.interactionToken),
    account: {
      githubLogin: user.login,
      githubName: user.name,
      avatarUrl: user.avatarUrl,
      profileUrl: user.htmlUrl,
    },
  });
  deps.log.info({ discordId: claims.discordId, githubId: user.id }, "linked GitHub account");
  return { discordId: claims.discordId, user };
}

/** A re-link leaves the old token unused; revoke it in the background unless GitHub reissued it. */
function retireReplacedToken(deps: LinkingDeps, previous: LinkRecord, currentToken: string): void {
  let oldToken: string;
  try {
    oldToken = openToken(deps.config.tokenKeys, previous.discordId, previous.accessToken);
  } catch {
    return;
  }
  if (oldToken === currentToken) return;
  revokeToken(deps.github, oldToken).catch((err) =>
    deps.log.warn({ err }, "could not revoke a replaced token"),
  );
}
