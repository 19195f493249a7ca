/** A member's GitHub tokens. GitHub App user tokens expire and come with a refresh token; OAuth App tokens do not. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
}

/** The same set with both tokens sealed for one member (crypto's `sealTokenSet`): what storage keeps. */
export type SealedTokenSet = TokenSet;
