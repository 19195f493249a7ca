export { countAuditEvents, listAuditEvents, saveAuditEvent, saveAuditEventOnce } from "./audit-events.ts";
export { consumeBrowserState, saveBrowserState } from "./browser-states.ts";
export { connectMongo, openStorageConnection } from "./connect.ts";
export {
  claimDiscordRefresh,
  dropDiscordTokens,
  findDiscordTokens,
  releaseDiscordRefresh,
  replaceDiscordTokens,
  saveDiscordTokens,
  streamDiscordTokenHolders,
  type DiscordTokenRecord,
} from "./discord-tokens.ts";
export { listLogChannels, setLogChannel } from "./guild-settings.ts";
export { streamLinkedMembers, type LinkedMember } from "./link-cursor.ts";
export { findLinksByGithubId, findLinksByGithubLogin } from "./link-lookup.ts";
export { updateGithubProfile } from "./link-profile.ts";
export {
  bindBrowser,
  consumeLinkState,
  findLinkStart,
  markDiscordVerified,
  saveLinkState,
  type LinkStart,
  type LinkStateRecord,
} from "./link-states.ts";
export { claimTokenRefresh, releaseTokenRefresh, updateLinkTokens } from "./link-tokens.ts";
export {
  countLinksByGithubId,
  deleteLink,
  findLinkByDiscordId,
  findLinkMarks,
  findLinksAround,
  saveLink,
  type LinkRecord,
  type ReplacedLink,
  type TokenStatus,
} from "./links.ts";
export { TOKEN_STATUSES } from "./models/link.ts";
export { findLinksToFlag, markLinkNeedsRelink, type RelinkSelector } from "./needs-relink.ts";
export {
  cancelJobs,
  claimJobs,
  countOpenJobs,
  enqueueJobs,
  finishJobs,
  leasedClaimOf,
  releaseJob,
  renewLeases,
  reviseJob,
  type ClaimedJob,
  type FinishedJob,
  type JobOutcome,
  type JobResult,
  type Lease,
  type LinkGuard,
  type NewOutboxJob,
  type OutboxJob,
} from "./outbox.ts";
export {
  notePendingReplaces,
  savePendingLink,
  transitionPendingLink,
  type PendingLinkRecord,
} from "./pending-links.ts";
export { countHit, type RateWindow } from "./rate-counters.ts";
export { resealAll, type ResealCount } from "./reseal.ts";
export { findRoleBasis, type RoleBasis } from "./role-basis.ts";
export { forgetGrants, listMemberGrants, recordGrant } from "./role-grants.ts";
export { isRoleSyncOpen, type MemberRolesJob, type RoleChangeCause, type RoleSyncJob } from "./role-jobs.ts";
export { addRoleRule, listGuildsWithRules, listRoleRules, removeRoleRules } from "./role-rules.ts";
export { claimScheduledRun } from "./schedules.ts";
export { createStorage, isStorageReady, type Storage } from "./storage.ts";
export { forgetWebhookDelivery, recordWebhookDelivery } from "./webhook-deliveries.ts";
