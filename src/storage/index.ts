export { connectMongo, openStorageConnection, type StorageConnection } from "./connect.ts";
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
export { markNeedsRelink, type RelinkSelector } from "./needs-relink.ts";
export {
  claimJob,
  countOpenJobs,
  enqueueJobs,
  finishJob,
  releaseJob,
  renewLease,
  type ClaimedJob,
  type JobOutcome,
  type NewOutboxJob,
  type OutboxJob,
} from "./outbox.ts";
export {
  findPendingLink,
  savePendingLink,
  transitionPendingLink,
  type PendingLinkRecord,
  type PendingStatus,
} from "./pending-links.ts";
export { countHit, type RateWindow } from "./rate-counters.ts";
export { resealAll, type Reseal, type ResealCount } from "./reseal.ts";
export { createStorage, isStorageReady, type Storage } from "./storage.ts";
