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

/**
 * Flags links "needs re-link" one atomic update at a time and returns only those this call
 * changed, so a repeated revocation (a webhook redelivery) notifies nobody twice.
 */
export async function markNeedsRelink(
  storage: Storage,
  selector: RelinkSelector,
  now = new Date(),
): Promise<LinkRecord[]> {
  const changed: LinkRecord[] = [];
  for (;;) {
    const link = await storage.links
      .findOneAndUpdate(
        { ...filterOf(selector), tokenStatus: { $ne: "needs_relink" } },
        { $set: { tokenStatus: "needs_relink", needsRelinkAt: now, refreshingUntil: null } },
        { returnDocument: "after" },
      )
      .lean<LinkRecord>()
      .exec();
    if (!link) return changed;
    changed.push(link);
  }
}
