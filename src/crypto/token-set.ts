import type { SealedTokenSet, TokenSet } from "../domain/index.ts";
import { openToken, sealToken } from "./seal.ts";

/** Seals both tokens for one member; the expiries stay readable, so refreshes can be planned. */
export function sealTokenSet(keys: readonly Buffer[], discordId: string, tokens: TokenSet): SealedTokenSet {
  const seal = (value: string) => sealToken(keys, discordId, value);
  return {
    accessToken: seal(tokens.accessToken),
    refreshToken: tokens.refreshToken ? seal(tokens.refreshToken) : null,
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshExpiresAt,
  };
}

export function openTokenSet(keys: readonly Buffer[], discordId: string, sealed: SealedTokenSet): TokenSet {
  const open = (value: string) => openToken(keys, discordId, value);
  return {
    accessToken: open(sealed.accessToken),
    refreshToken: sealed.refreshToken ? open(sealed.refreshToken) : null,
    accessExpiresAt: sealed.accessExpiresAt,
    refreshExpiresAt: sealed.refreshExpiresAt,
  };
}
