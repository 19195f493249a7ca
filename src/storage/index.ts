export { connectMongo, openStorageConnection, type StorageConnection } from "./connect.ts";
export {
  type BrowserProof,
  bindBrowser,
  countRecentLinkStates,
  consumeLinkState,
  type LinkStateRecord,
  markDiscordVerified,
  saveLinkState,
} from "./link-states.ts";
export {
  countLinksByGithubId,
  deleteLink,
  findLinkByDiscordId,
  isGithubAccountTaken,
  type LinkRecord,
  type NewLink,
  saveLink,
} from "./links.ts";
export { createStorage, isStorageReady, type Storage } from "./storage.ts";
export {
  findPendingLink,
  type PendingLinkRecord,
  type PendingStatus,
  savePendingLink,
  transitionPendingLink,
} from "./pending-links.ts";
