import { randomBytes } from "node:crypto";
import { deriveCodeVerifier, sealToken, verifyState } from "../crypto/index.ts";
import { GitHubAccountTakenError } from "../errors/index.ts";
import { exchangeCode, fetchUser } from "../github/index.ts";
import {
  consumeLinkState,
  isGithubAccountTaken,
  type PendingLinkRecord,
  savePendingLink,
} from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
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
  now = Date.now(),
): Promise<PendingLinkRecord> {
  const { config, storage, github } = deps;
  const claims = verifyState(config.stateSecrets, params.state);
  const linkState = await consumeLinkState(storage, claims.nonce, {
    browserHash: params.browserHash,
    requireDiscordVerified: config.verifyDiscord,
  });
  const tokens = await exchangeCode(github, {
    code: params.code,
    codeVerifier: deriveCodeVerifier(claims.secret, claims.nonce),
  });
  const user = await fetchUser(github, tokens.accessToken);
  if (!config.allowSharedGithub && (await isGithubAccountTaken(storage, user.id, claims.discordId))) {
    revokeUnusedToken(deps, tokens.accessToken);
    throw new GitHubAccountTakenError(user.login);
  }
  const seal = (value: string) => sealToken(config.tokenKeys, claims.discordId, value);
  const pending: PendingLinkRecord = {
    id: randomBytes(16).toString("base64url"),
    browserHash: params.browserHash,
    status: "pending",
    discordId: claims.discordId,
    guildId: linkState.guildId,
    discordUsername: linkState.discordUsername,
    discordDisplayName: linkState.discordDisplayName,
    discordAvatarUrl: linkState.discordAvatarUrl,
    interactionToken: linkState.interactionToken,
    githubId: user.id,
    githubLogin: user.login,
    githubName: user.name,
    githubAvatarUrl: user.avatarUrl,
    githubProfileUrl: user.htmlUrl,
    scopes: tokens.scopes,
    accessToken: seal(tokens.accessToken),
    refreshToken: tokens.refreshToken ? seal(tokens.refreshToken) : null,
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshExpiresAt,
    expiresAt: new Date(now + CONFIRM_TTL_MS),
  };
  await savePendingLink(storage, pending);
  return pending;
}
