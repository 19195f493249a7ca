import {
  computeCodeChallenge,
  createNonce,
  deriveCodeVerifier,
  STATE_TTL_MS,
  sealToken,
  signState,
} from "../crypto/index.ts";
import { buildAuthorizeUrl } from "../github/index.ts";
import { findLinkByDiscordId, type LinkRecord, saveLinkState } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

export interface StartLinkInput {
  discordId: string;
  guildId: string | null;
  interactionToken: string;
}

export interface StartedLink {
  url: string;
  existing: LinkRecord | null;
  expiresAt: Date;
}

/** Makes the member's sign-in URL and records its nonce; an earlier unused URL stops working. */
export async function startLink(
  deps: LinkingDeps,
  input: StartLinkInput,
  now = Date.now(),
): Promise<StartedLink> {
  const [secret] = deps.config.stateSecrets;
  if (!secret) throw new Error("STATE_SECRET is not configured");
  const nonce = createNonce();
  const expiresAt = now + STATE_TTL_MS;
  const state = signState(secret, {
    discordId: input.discordId,
    guildId: input.guildId,
    nonce,
    expiresAt,
  });
  const [existing] = await Promise.all([
    findLinkByDiscordId(deps.storage, input.discordId),
    saveLinkState(deps.storage, {
      nonce,
      discordId: input.discordId,
      guildId: input.guildId,
      interactionToken: sealToken(deps.config.tokenKeys, input.discordId, input.interactionToken),
      expiresAt: new Date(expiresAt),
    }),
  ]);
  const codeChallenge = computeCodeChallenge(deriveCodeVerifier(secret, nonce));
  return {
    url: buildAuthorizeUrl(deps.github, { state, codeChallenge }),
    existing,
    expiresAt: new Date(expiresAt),
  };
}
