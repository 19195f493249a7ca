export { buildAuthorizeUrl } from "./authorize-url.ts";
export { createGitHubClient, createUserOctokit, type GitHubClient } from "./client.ts";
export { exchangeCode } from "./exchange-code.ts";
export { fetchAuthenticatedUser, fetchUser, type GitHubUser } from "./fetch-user.ts";
export { GITHUB_LOGIN, isGithubLogin } from "./login.ts";
export { RefreshTokenRejectedError, refreshToken } from "./refresh-token.ts";
export { revokeNewToken, revokeTokenSet } from "./revoke-token-set.ts";
export { revokeGrant, revokeToken } from "./revoke.ts";
export type { TokenSet } from "./token-endpoint.ts";
