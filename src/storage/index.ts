export { connectMongo, openStorageConnection, type StorageConnection } from "./connect.ts";
export { updateGithubProfile } from "./link-profile.ts";
export {
  type BrowserProof,
  bindBrowser,
  consumeLinkState,
  countRecentLinkStates,
  type LinkStateRecord,
  markDiscordVerified,
  saveLinkState,
} from "./link-states.ts";
export {
  claimTokenRefresh,
  releaseTokenRefresh,
  type SealedTokens,
  updateLinkTokens,
} from "./link-tokens.ts";
export {
  countLinksByGithubId,
  deleteLink,
  findLinkByDiscordId,
  isGithubAccountTaken,
  type LinkRecord,
  type NewLink,
  saveLink,
  type TokenStatus,
} from "./links.ts";
export { markNeedsRelink, type RelinkSelector } from "./needs-relink.ts";
export { type Reseal, type ResealCount, resealAll } from "./reseal.ts";
export { createStorage, isStorageReady, type Storage } from "./storage.ts";
export {
  findPendingLink,
  type PendingLinkRecord,
  type PendingStatus,
  savePendingLink,
  transitionPendingLink,
} from "./pending-links.ts";
