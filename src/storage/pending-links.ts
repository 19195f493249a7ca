import { ConfirmationUsedError, ConfirmationWrongBrowserError, StateExpiredError } from "../errors/index.ts";
import type { Storage } from "./storage.ts";

export type PendingStatus = "pending" | "linked" | "cancelled" | "undone";

export interface PendingLinkRecord {
  id: string;
  browserHash: string;
  status: PendingStatus;
  discordId: string;
  /** The server /link was run in (null in a DM). */
  guildId: string | null;
  discordUsername: string;
  discordDisplayName: string | null;
  discordAvatarUrl: string | null;
  /** Sealed, like the tokens below. */
  interactionToken: string;
  githubId: number;
  githubLogin: string;
  githubName: string | null;
  githubAvatarUrl: string | null;
  githubProfileUrl: string;
  scopes: string[];
  accessToken: string;
  refreshToken: string | null;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  expiresAt: Date;
}

type Stored = Omit<PendingLinkRecord, "id"> & { _id: string };
const fromStored = ({ _id, ...rest }: Stored): PendingLinkRecord => ({ id: _id, ...rest });

export async function savePendingLink(
  storage: Storage,
  pending: Omit<PendingLinkRecord, "status">,
): Promise<void> {
  const { id, ...rest } = pending;
  await storage.pendingLinks.create({ _id: id, ...rest, status: "pending" });
}

export async function findPendingLink(
  storage: Storage,
  id: string,
  browserHash: string,
): Promise<PendingLinkRecord> {
  const found = await storage.pendingLinks.findById(id).lean<Stored>().exec();
  if (!found || found.expiresAt <= new Date()) throw new StateExpiredError();
  if (found.browserHash !== browserHash) throw new ConfirmationWrongBrowserError();
  return fromStored(found);
}

/**
 * Moves a confirmation from one status to the next in one atomic update, only for the browser
 * it is bound to, so a replayed or cross-browser POST changes nothing.
 */
export async function transitionPendingLink(
  storage: Storage,
  id: string,
  browserHash: string,
  change: { from: PendingStatus; to: PendingStatus },
  now = new Date(),
): Promise<PendingLinkRecord> {
  const moved = await storage.pendingLinks
    .findOneAndUpdate(
      { _id: id, browserHash, status: change.from, expiresAt: { $gt: now } },
      { $set: { status: change.to } },
      { returnDocument: "before" },
    )
    .lean<Stored>()
    .exec();
  if (moved) return fromStored(moved);
  const current = await findPendingLink(storage, id, browserHash);
  throw current.status === change.from ? new StateExpiredError() : new ConfirmationUsedError();
}
