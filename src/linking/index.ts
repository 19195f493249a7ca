export { acceptGitHubSignIn } from "./accept-github-sign-in.ts";
export { beginSignIn, verifyDiscordIdentity } from "./begin-sign-in.ts";
export { cancelPendingLink } from "./cancel-link.ts";
export { confirmLink } from "./confirm-link.ts";
export type { LinkingDeps } from "./deps.ts";
export { type StartedLink, type StartLinkInput, startLink } from "./start-link.ts";
export { undoConfirmedLink } from "./undo-link.ts";
export { type UnlinkOptions, type UnlinkResult, unlinkMember } from "./unlink.ts";
