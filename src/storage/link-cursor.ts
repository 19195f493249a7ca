import type { LinkRecord } from "./links.ts";
import type { Storage } from "./storage.ts";

/** What a role sync reads of each link: no tokens. */
export type LinkedMember = Pick<LinkRecord, "discordId" | "githubId" | "githubLogin" | "tokenStatus">;

/** Every link, a batch at a time: a sync over any number of members holds one batch in memory. */
export function streamLinkedMembers(storage: Storage, batchSize = 200): AsyncIterable<LinkedMember> {
  return storage.links
    .find({}, { _id: 0, discordId: 1, githubId: 1, githubLogin: 1, tokenStatus: 1 })
    .sort({ discordId: 1 })
    .batchSize(batchSize)
    .lean<LinkedMember>()
    .cursor();
}
