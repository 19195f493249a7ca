import type { SealedTokenSet } from "../domain/index.ts";
import type { LinkRecord } from "./links.ts";
import type { Storage } from "./storage.ts";

/** The link as it was read: its sealed refresh token tells whether someone refreshed it since. */
type LinkAsRead = Pick<LinkRecord, "discordId" | "refreshToken">;

const NEEDS_RELINK = "needs_relink";

/**
 * Takes the refresh lease unless another process holds a live one. Fails too when the link
 * was refreshed, re-linked, unlinked or flagged since it was read.
 */
export async function claimTokenRefresh(
  storage: Storage,
  link: LinkAsRead,
  leaseMs: number,
  now = new Date(),
): Promise<boolean> {
  const claimed = await storage.links
    .findOneAndUpdate(
      {
        discordId: link.discordId,
        refreshToken: link.refreshToken,
        tokenStatus: { $ne: NEEDS_RELINK },
        $or: [{ refreshingUntil: null }, { refreshingUntil: { $lte: now } }],
      },
      { $set: { refreshingUntil: new Date(now.getTime() + leaseMs) } },
      { projection: { _id: 1 } },
    )
    .lean()
    .exec();
  return claimed !== null;
}

/** Lets another caller try at once after a refresh that GitHub could not answer. */
export async function releaseTokenRefresh(storage: Storage, link: LinkAsRead): Promise<void> {
  await storage.links
    .updateOne(
      { discordId: link.discordId, refreshToken: link.refreshToken },
      { $set: { refreshingUntil: null } },
    )
    .exec();
}

/** Stores a refreshed pair, only over the pair it replaces and never over a "needs re-link". */
export const updateLinkTokens = (
  storage: Storage,
  link: LinkAsRead,
  tokens: SealedTokenSet,
  now = new Date(),
): Promise<LinkRecord | null> =>
  storage.links
    .findOneAndUpdate(
      {
        discordId: link.discordId,
        refreshToken: link.refreshToken,
        tokenStatus: { $ne: NEEDS_RELINK },
      },
      {
        $set: {
          ...tokens,
          tokenStatus: "refreshed",
          tokenRefreshedAt: now,
          refreshingUntil: null,
        },
      },
      { returnDocument: "after" },
    )
    .lean<LinkRecord>()
    .exec();
