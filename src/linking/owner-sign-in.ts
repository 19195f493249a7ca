import { createNonce, deriveCodeVerifier, randomBase64Url, signState, verifyState } from "../crypto/index.ts";
import type { GitHubAccount } from "../domain/index.ts";
import { SignInIncompleteError } from "../errors/index.ts";
import { exchangeCode, fetchUser, revokeAccessToken } from "../github/index.ts";
import { consumeBrowserState, findLinksByGithubId, saveBrowserState } from "../storage/index.ts";
import { burnCode } from "./burn-code.ts";
import type { LinkingDeps } from "./deps.ts";
import { githubAuthorizeUrlFor } from "./github-authorize.ts";
import { revokeUnusedToken } from "./revoke-unused-token.ts";

const STEP_TTL_MS = 10 * 60 * 1000;

/**
 * `GET /auth/github/remove`: a GitHub owner signs in to GitHub (their own one-time state, bound
 * to this browser, with PKCE) to prove the account is theirs before removing links to it.
 */
export async function beginOwnerSignIn(
  deps: LinkingDeps,
  params: { browserHash: string },
  now = Date.now(),
): Promise<string> {
  const [secret] = deps.config.stateSecrets;
  if (!secret) throw new Error("STATE_SECRET is not configured");
  const nonce = createNonce();
  const expiresAt = now + STEP_TTL_MS;
  await saveBrowserState(deps.storage, {
    nonce,
    purpose: "remove",
    browserHash: params.browserHash,
    linkNonce: null,
    githubId: null,
    githubLogin: null,
    expiresAt: new Date(expiresAt),
  });
  // No Discord member here: the state's member field stays empty.
  const state = signState(secret, { discordId: "", guildId: null, nonce, expiresAt }, "remove");
  return githubAuthorizeUrlFor(deps, { secret, nonce }, state);
}

export interface OwnerSignIn {
  user: GitHubAccount;
  linkCount: number;
  /** The confirmation's one-time id; null when nothing is linked to the account. */
  removalId: string | null;
}

/** GitHub's redirect back for a removal: who the owner is, and how many links name them. */
export async function acceptOwnerSignIn(
  deps: LinkingDeps,
  params: { code: string; state: string; browserHash: string | undefined },
  now = Date.now(),
): Promise<OwnerSignIn> {
  const claims = verifyState(deps.config.stateSecrets, params.state, "remove");
  const grant = { code: params.code, codeVerifier: deriveCodeVerifier(claims.secret, claims.nonce) };
  try {
    await consumeBrowserState(deps.storage, "remove", claims.nonce, params.browserHash);
  } catch (err) {
    if (err instanceof SignInIncompleteError) await burnCode(deps, grant);
    throw err;
  }
  const tokens = await exchangeCode(deps.github, grant);
  let user: GitHubAccount;
  try {
    user = await fetchUser(deps.github, tokens.accessToken);
  } catch (err) {
    revokeUnusedToken(deps, tokens.accessToken);
    throw err;
  }
  const linkCount = (await findLinksByGithubId(deps.storage, user.id)).length;
  // The sign-in token's one answer is all that is needed. With nothing linked, the grant the
  // sign-in made goes too; otherwise the links' own tokens revoke it when the owner confirms.
  await revokeSignInToken(deps, tokens.accessToken, linkCount === 0 ? "grant" : "token");
  if (linkCount === 0 || !params.browserHash) return { user, linkCount, removalId: null };
  const removalId = randomBase64Url(16);
  await saveBrowserState(deps.storage, {
    nonce: removalId,
    purpose: "remove-confirm",
    browserHash: params.browserHash,
    linkNonce: null,
    githubId: user.id,
    githubLogin: user.login,
    expiresAt: new Date(now + STEP_TTL_MS),
  });
  return { user, linkCount, removalId };
}

async function revokeSignInToken(deps: LinkingDeps, accessToken: string, what: "token" | "grant") {
  try {
    await revokeAccessToken(deps.github, accessToken, what);
  } catch (err) {
    deps.log.warn({ err }, "could not revoke the GitHub owner's sign-in token");
  }
}
