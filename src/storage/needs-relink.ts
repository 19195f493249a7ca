import type { LinkRecord } from "./links.ts";
import type { Storage } from "./storage.ts";

/**
 * Which links to flag: every link of a GitHub account made before a time, or one member's
 * while it holds a given sealed token.
 */
export type RelinkSelector =
  | { githubId: number; linkedBefore: Date }
  | { discordId: string; accessToken?: string; refreshToken?: string | null };

const filterOf = (selector: RelinkSelector) =>
  "githubId" in selector
    ? { githubId: selector.githubId, linkedAt: { $lt: selector.linkedBefore } }
    : selector;

const NOT_FLAGGED = { tokenStatus: { $ne: "needs_relink" } };

/** The links a flag would change now (their effects are written to the outbox first). */
export const findLinksToFlag = (storage: Storage, selector: RelinkSelector): Promise<LinkRecord[]> =>
  storage.links
    .find({ ...filterOf(selector), ...NOT_FLAGGED })
    .lean<LinkRecord[]>()
    .exec();

/**
 * Flags that very link (its `linkedAt`) "needs re-link" at `flaggedAt`, if it still is not;
 * null when another call got there first or the link changed, so a repeated revocation (a
 * webhook redelivery) changes and tells nothing twice.
 */
export const markLinkNeedsRelink = (
  storage: Storage,
  selector: RelinkSelector,
  link: Pick<LinkRecord, "discordId" | "linkedAt">,
  flaggedAt: Date,
): Promise<LinkRecord | null> =>
  storage.links
    .findOneAndUpdate(
      { ...filterOf(selector), discordId: link.discordId, linkedAt: link.linkedAt, ...NOT_FLAGGED },
      { $set: { tokenStatus: "needs_relink", needsRelinkAt: flaggedAt, refreshingUntil: null } },
      { returnDocument: "after" },
    )
    .lean<LinkRecord>()
    .exec();
