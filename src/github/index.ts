export { buildAuthorizeUrl } from "./authorize-url.ts";
export { createGitHubClient, type GitHubClient } from "./client.ts";
export { exchangeCode, type TokenSet } from "./exchange-code.ts";
export { fetchUser, type GitHubUser } from "./fetch-user.ts";
export { revokeGrant, revokeToken } from "./revoke.ts";
