import type { DiscordAccount } from "../domain/index.ts";
import {
  SignInIncompleteError,
  StateExpiredError,
  StateReplacedError,
  StateUsedError,
} from "../errors/index.ts";
import type { LinkRecord } from "./links.ts";
import { nativeOf } from "./native.ts";
import type { Storage } from "./storage.ts";
import { discordAccountOf, storedDiscordFields } from "./stored-accounts.ts";

export interface LinkStateRecord {
  nonce: string;
  /** Who ran /link, for the confirmation page. */
  discord: DiscordAccount;
  guildId: string | null;
  /** Sealed interaction token of the /link reply, to edit it once the link is made; null from /linked-role. */
  interactionToken: string | null;
  expiresAt: Date;
}

/** What a state's record requires of the browser presenting it. */
export interface BrowserProof {
  browserHash: string | null;
  requireDiscordVerified: boolean;
}

const usable = (nonce: string, now: Date) => ({
  _id: nonce,
  usedAt: null,
  replacedAt: null,
  expiresAt: { $gt: now },
});

/** A new state's checking fields, as the schema's defaults have them. */
const UNCLAIMED = { browserHash: null, discordVerifiedAt: null, usedAt: null, replacedAt: null };

/**
 * Stores a new /link state and retires the member's earlier unused ones, in one `update`
 * command of two statements: the retiring one skips the new nonce, and the new state is an
 * upsert of its (fresh, random) nonce.
 */
export async function saveLinkState(
  storage: Storage,
  state: LinkStateRecord,
  now = new Date(),
): Promise<void> {
  const { nonce, discord, guildId, interactionToken, expiresAt } = state;
  const stored = {
    ...storedDiscordFields(discord),
    guildId,
    interactionToken,
    expiresAt,
    ...UNCLAIMED,
  };
  await nativeOf<StoredLinkState>(storage.linkStates).bulkWrite([
    {
      updateMany: {
        filter: { discordId: discord.id, usedAt: null, replacedAt: null, _id: { $ne: nonce } },
        update: { $set: { replacedAt: now } },
      },
    },
    { updateOne: { filter: { _id: nonce }, update: { $setOnInsert: stored }, upsert: true } },
  ]);
}

export interface LinkStart {
  /** How many /link buttons the member made that have not expired: the per-member limit counts these. */
  recentStates: number;
  /** When the oldest of them ages out, for "try again in ...". */
  oldestExpiresAt: Date | null;
  link: LinkRecord | null;
}

type LinkStartPart = { recentStates: number; oldestExpiresAt: Date } | { link: LinkRecord };

/**
 * What /link reads before it stores a state, in one command (issue 16: each costs the bot
 * 150-300 µs of CPU): the member's live buttons and their current link, each through its index.
 */
export async function findLinkStart(
  storage: Storage,
  discordId: string,
  now = new Date(),
): Promise<LinkStart> {
  const parts = await nativeOf<StoredLinkState>(storage.linkStates)
    .aggregate<LinkStartPart>([
      { $match: { discordId, expiresAt: { $gt: now } } },
      { $group: { _id: null, recentStates: { $sum: 1 }, oldestExpiresAt: { $min: "$expiresAt" } } },
      { $project: { _id: 0 } },
      {
        $unionWith: {
          coll: storage.links.collection.collectionName,
          pipeline: [{ $match: { discordId } }, { $limit: 1 }, { $replaceWith: { link: "$$ROOT" } }],
        },
      },
    ])
    .toArray();
  const start: LinkStart = { recentStates: 0, oldestExpiresAt: null, link: null };
  for (const part of parts) Object.assign(start, part);
  return start;
}

/** The first browser to open a /link button owns it; a forwarded copy opened elsewhere does not. */
export async function bindBrowser(
  storage: Storage,
  nonce: string,
  browserHash: string,
  now = new Date(),
): Promise<void> {
  const bound = await nativeOf<StoredLinkState>(storage.linkStates).updateOne(
    { ...usable(nonce, now), browserHash: { $in: [null, browserHash] } },
    { $set: { browserHash } },
  );
  if (bound.matchedCount === 0) await explainUnusable(storage, nonce);
}

/** What the callback (or the Discord step) needs of a claimed state: the record, not how it was checked. */
const CLAIMED = { browserHash: 0, discordVerifiedAt: 0, usedAt: 0, replacedAt: 0 } as const;

/** Discord said this browser is the member's: the state may go on to GitHub. Returns the state's record. */
export async function markDiscordVerified(
  storage: Storage,
  nonce: string,
  browserHash: string,
  now = new Date(),
): Promise<LinkStateRecord> {
  const marked = await nativeOf<StoredLinkState>(storage.linkStates).findOneAndUpdate(
    { ...usable(nonce, now), browserHash },
    { $set: { discordVerifiedAt: now } },
    { returnDocument: "after", projection: CLAIMED },
  );
  return marked ? toLinkStateRecord(marked) : explainUnusable(storage, nonce);
}

/**
 * Marks the state used in one atomic update, so of two callbacks with the same state only one
 * proceeds; expiry is in the filter because the TTL sweep lags by up to a minute.
 */
export async function consumeLinkState(
  storage: Storage,
  nonce: string,
  proof: BrowserProof,
  now = new Date(),
): Promise<LinkStateRecord> {
  const filter = {
    ...usable(nonce, now),
    ...(proof.browserHash ? { browserHash: { $in: [null, proof.browserHash] } } : {}),
    ...(proof.requireDiscordVerified ? { discordVerifiedAt: { $ne: null } } : {}),
  };
  const claimed = await nativeOf<StoredLinkState>(storage.linkStates).findOneAndUpdate(
    filter,
    { $set: { usedAt: now } },
    { returnDocument: "after", projection: CLAIMED },
  );
  return claimed ? toLinkStateRecord(claimed) : explainUnusable(storage, nonce);
}

type StoredLinkState = Parameters<typeof discordAccountOf>[0] & {
  _id: string;
  guildId?: string | null;
  interactionToken?: string | null;
  expiresAt: Date;
};

const toLinkStateRecord = (doc: StoredLinkState): LinkStateRecord => ({
  nonce: doc._id,
  discord: discordAccountOf(doc),
  guildId: doc.guildId ?? null,
  interactionToken: doc.interactionToken ?? null,
  expiresAt: doc.expiresAt,
});

/**
 * Says why a state could not be used; only called after an atomic update matched nothing. A
 * state that is still usable but not by this browser (or not yet confirmed by Discord) is a
 * SignInIncompleteError: the one refusal after which the state still works for its owner.
 */
async function explainUnusable(storage: Storage, nonce: string, now = new Date()): Promise<never> {
  const seen = await nativeOf<StoredLinkState & { usedAt?: Date | null; replacedAt?: Date | null }>(
    storage.linkStates,
  ).findOne({ _id: nonce }, { projection: { usedAt: 1, replacedAt: 1, expiresAt: 1 } });
  if (seen?.usedAt) throw new StateUsedError();
  if (seen?.replacedAt) throw new StateReplacedError();
  if (!seen || seen.expiresAt <= now) throw new StateExpiredError();
  throw new SignInIncompleteError();
}
