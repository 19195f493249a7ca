import type { DiscordAccount, GitHubAccount, SealedTokenSet } from "../domain/index.ts";
import { ConfirmationUsedError, ConfirmationWrongBrowserError, StateExpiredError } from "../errors/index.ts";
import type { Storage } from "./storage.ts";
import {
  discordAccountOf,
  pendingGithubAccountOf,
  storedDiscordFields,
  storedPendingGithubFields,
} from "./stored-accounts.ts";

export type PendingStatus = "pending" | "linked" | "cancelled" | "undone";

export interface PendingLinkRecord {
  id: string;
  browserHash: string;
  status: PendingStatus;
  discord: DiscordAccount;
  /** The server /link was run in (null in a DM). */
  guildId: string | null;
  github: GitHubAccount;
  scopes: string[];
  tokens: SealedTokenSet;
  /** Sealed, like the tokens; null when the sign-in began at /linked-role (no reply to edit). */
  interactionToken: string | null;
  expiresAt: Date;
}

const toStored = ({ id, discord, github, tokens, ...rest }: PendingLinkRecord) => ({
  _id: id,
  ...rest,
  ...storedDiscordFields(discord),
  ...storedPendingGithubFields(github),
  ...tokens,
});

type Stored = ReturnType<typeof toStored>;

const fromStored = (stored: Stored): PendingLinkRecord => ({
  id: stored._id,
  browserHash: stored.browserHash,
  status: stored.status,
  discord: discordAccountOf(stored),
  guildId: stored.guildId ?? null,
  github: pendingGithubAccountOf(stored),
  scopes: stored.scopes,
  tokens: {
    accessToken: stored.accessToken,
    refreshToken: stored.refreshToken ?? null,
    accessExpiresAt: stored.accessExpiresAt ?? null,
    refreshExpiresAt: stored.refreshExpiresAt ?? null,
  },
  interactionToken: stored.interactionToken ?? null,
  expiresAt: stored.expiresAt,
});

export async function savePendingLink(
  storage: Storage,
  pending: Omit<PendingLinkRecord, "status">,
): Promise<void> {
  // Every field is set by the caller, so the record goes in as is: no document to build.
  await storage.pendingLinks.insertMany([toStored({ ...pending, status: "pending" })], { lean: true });
}

async function findPendingLink(
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
