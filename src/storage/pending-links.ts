import type { DiscordAccount, GitHubAccount, SealedTokenSet } from "../domain/index.ts";
import { ConfirmationUsedError, ConfirmationWrongBrowserError, StateExpiredError } from "../errors/index.ts";
import type { ReplacedLink } from "./links.ts";
import { nativeOf } from "./native.ts";
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
  /**
   * The member's link when they came back from GitHub, which this one will replace (null: none):
   * the confirmation writes its audit record to the outbox before the link, so it must know.
   */
  replaces: ReplacedLink | null;
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
  replaces: stored.replaces ?? null,
  expiresAt: stored.expiresAt,
});

export async function savePendingLink(
  storage: Storage,
  pending: Omit<PendingLinkRecord, "status">,
): Promise<void> {
  // Every field is set by the caller, so the record goes in as is: no document to build.
  await nativeOf<Stored>(storage.pendingLinks).insertOne(toStored({ ...pending, status: "pending" }));
}

/** Only a re-link pays this write: a first link's confirmation is saved knowing it replaces none. */
export async function notePendingReplaces(
  storage: Storage,
  id: string,
  replaces: ReplacedLink,
): Promise<void> {
  await nativeOf<Stored>(storage.pendingLinks).updateOne({ _id: id }, { $set: { replaces } });
}

async function findPendingLink(
  storage: Storage,
  id: string,
  browserHash: string,
): Promise<PendingLinkRecord> {
  const found = await nativeOf<Stored>(storage.pendingLinks).findOne({ _id: id });
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
  const moved = await nativeOf<Stored>(storage.pendingLinks).findOneAndUpdate(
    { _id: id, browserHash, status: change.from, expiresAt: { $gt: now } },
    { $set: { status: change.to } },
    { returnDocument: "before" },
  );
  if (moved) return fromStored(moved);
  const current = await findPendingLink(storage, id, browserHash);
  throw current.status === change.from ? new StateExpiredError() : new ConfirmationUsedError();
}
