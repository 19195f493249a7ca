/** What a role sync of one server came to. */
export interface SyncTally {
  /** Linked members of the server whose roles were settled. */
  checked: number;
  /** Linked accounts whose Discord user is not in this server (10007): skipped. */
  notMembers: number;
  granted: number;
  removed: number;
  /** Role changes Discord refused (50013). */
  refused: number;
  /** Members who could not be checked because their link needs renewing (their roles from octolink went). */
  needsRelink: number;
  /** Members GitHub's rate limit kept from being checked (their roles stay until the next sync). */
  rateLimited: number;
  /** Members skipped because GitHub or Discord failed (their roles stay until the next sync). */
  failed: number;
}
