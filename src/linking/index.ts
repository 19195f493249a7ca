export { type CompletedLink, completeLink } from "./complete-link.ts";
export type { LinkingDeps } from "./deps.ts";
export { type StartedLink, type StartLinkInput, startLink } from "./start-link.ts";
export { type UnlinkResult, unlinkMember } from "./unlink.ts";
