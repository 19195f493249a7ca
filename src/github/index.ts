export { buildAuthorizeUrl } from "./authorize-url.ts";
export { createGitHubClient, createUserOctokit, type GitHubClient } from "./client.ts";
export { deliverySentAt } from "./delivery-time.ts";
export { exchangeCode } from "./exchange-code.ts";
export { fetchStanding } from "./fetch-standing.ts";
export { fetchAuthenticatedUser, fetchUser } from "./fetch-user.ts";
export { RefreshTokenRejectedError, refreshToken } from "./refresh-token.ts";
export { revokeAccessToken, revokeTokenSet } from "./revoke-token-set.ts";
export type { IssuedTokens } from "./token-endpoint.ts";
