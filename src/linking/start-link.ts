import { createNonce, sealToken, signState, STATE_TTL_MS } from "../crypto/index.ts";
import type { GitHubAccount } from "../domain/index.ts";
import { TooManyRequestsError } from "../errors/index.ts";
import { findLinkStart, type LinkStateRecord, saveLinkState } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { githubAuthorizeUrlFor } from "./github-authorize.ts";
import { githubAccountOf } from "./link-views.ts";

/** What the state's record keeps, before its nonce exists; the interaction token is still plain here. */
export type StartLinkInput = Omit<LinkStateRecord, "nonce" | "expiresAt">;

export interface StartedLink {
  url: string;
  /** The GitHub account the member is linked to already, if any. */
  existing: GitHubAccount | null;
  expiresAt: Date;
}

/**
 * Makes the member's sign-in URL and records its nonce; an earlier unused URL stops working.
 * With the Discord check on, the URL is our own /auth/github/start, which asks Discord who the
 * browser is before GitHub is involved.
 */
export async function startLink(deps: LinkingDeps, input: StartLinkInput): Promise<StartedLink> {
  const now = Date.now();
  const [secret] = deps.config.stateSecrets;
  const discordId = input.discord.id;
  if (!secret) throw new Error("STATE_SECRET is not configured");
  const {
    recentStates,
    oldestExpiresAt,
    link: existing,
  } = await findLinkStart(deps.storage, discordId, new Date(now));
  if (recentStates >= deps.config.limits.linkPerMember && oldestExpiresAt) {
    throw new TooManyRequestsError(Math.ceil((oldestExpiresAt.getTime() - now) / 1000));
  }
  const nonce = createNonce();

  const expiresAt = new Date(now + STATE_TTL_MS);
  const state = signState(secret, {
    discordId,
    guildId: input.guildId,
    nonce,
    expiresAt: expiresAt.getTime(),
  });
  await saveLinkState(deps.storage, {
    ...input,
    nonce,
    interactionToken:
      input.interactionToken && sealToken(deps.config.tokenKeys, discordId, input.interactionToken),
    expiresAt,
  });
  const url = deps.config.verifyDiscord
    ? `${deps.config.publicUrl}/auth/github/start?${new URLSearchParams({ state })}`
    : githubAuthorizeUrlFor(deps, { secret, nonce }, state);
  return { url, existing: existing && githubAccountOf(deps.config, existing), expiresAt };
}
