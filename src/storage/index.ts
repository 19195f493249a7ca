export { countAuditEvents, listAuditEvents, saveAuditEvent, type AuditQuery } from "./audit-events.ts";
export { connectMongo, openStorageConnection, type StorageConnection } from "./connect.ts";
export { findLogChannel, listLogChannels, setLogChannel } from "./guild-settings.ts";
export { findLinksByGithubId, findLinksByGithubLogin } from "./link-lookup.ts";
export { updateGithubProfile } from "./link-profile.ts";
export {
  bindBrowser,
  consumeLinkState,
  countRecentLinkStates,
  markDiscordVerified,
  saveLinkState,
  type BrowserProof,
  type LinkStateRecord,
} from "./link-states.ts";
export { claimTokenRefresh, releaseTokenRefresh, updateLinkTokens } from "./link-tokens.ts";
export {
  countLinksByGithubId,
  deleteLink,
  findLinkByDiscordId,
  isGithubAccountTaken,
  saveLink,
  type LinkRecord,
  type NewLink,
  type TokenStatus,
} from "./links.ts";
export { TOKEN_STATUSES } from "./models/link.ts";
export { markNeedsRelink, type RelinkSelector } from "./needs-relink.ts";
export {
  findPendingLink,
  savePendingLink,
  transitionPendingLink,
  type PendingLinkRecord,
  type PendingStatus,
} from "./pending-links.ts";
export { resealAll, type Reseal, type ResealCount } from "./reseal.ts";
export { createStorage, isStorageReady, type Storage } from "./storage.ts";
