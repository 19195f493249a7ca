export { type CheckedLink, checkLink, type TokenHealth } from "./check-link.ts";
export { type CompletedLink, completeLink } from "./complete-link.ts";
export type { LinkingDeps } from "./deps.ts";
export { octokitFor } from "./octokit-for.ts";
export { markAuthorizationRevoked } from "./revoked-authorization.ts";
export { type StartedLink, type StartLinkInput, startLink } from "./start-link.ts";
export { type UnlinkResult, unlinkMember } from "./unlink.ts";
