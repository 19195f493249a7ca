import type { SealedTokenSet } from "../domain/index.ts";
import type { Storage } from "./storage.ts";

/** A member's stored Discord token set; both tokens sealed for their discordId. */
export interface DiscordTokenRecord {
  discordId: string;
  tokens: SealedTokenSet;
  scopes: string[];
}

interface Stored {
  discordId: string;
  accessToken: string;
  refreshToken: string | null;
  accessExpiresAt: Date | null;
  scopes: string[];
}

const fromStored = (doc: Stored): DiscordTokenRecord => ({
  discordId: doc.discordId,
  tokens: {
    accessToken: doc.accessToken,
    refreshToken: doc.refreshToken ?? null,
    accessExpiresAt: doc.accessExpiresAt ?? null,
    refreshExpiresAt: null,
  },
  scopes: doc.scopes ?? [],
});

const storedTokens = (tokens: SealedTokenSet) => ({
  accessToken: tokens.accessToken,
  refreshToken: tokens.refreshToken,
  accessExpiresAt: tokens.accessExpiresAt,
});

/** A new sign-in replaces whatever the member had (Discord issued the newer grant); returns the replaced one. */
export async function saveDiscordTokens(
  storage: Storage,
  record: DiscordTokenRecord,
): Promise<DiscordTokenRecord | null> {
  const previous = await storage.discordTokens
    .findOneAndUpdate(
      { discordId: record.discordId },
      { $set: { ...storedTokens(record.tokens), scopes: record.scopes, refreshingUntil: null } },
      { upsert: true, returnDocument: "before" },
    )
    .lean<Stored>()
    .exec();
  return previous && fromStored(previous);
}

export const findDiscordTokens = async (
  storage: Storage,
  discordId: string,
): Promise<DiscordTokenRecord | null> => {
  const doc = await storage.discordTokens.findOne({ discordId }).lean<Stored>().exec();
  return doc && fromStored(doc);
};

/** Takes the refresh lease for the pair as read, unless another process holds a live one. */
export async function claimDiscordRefresh(
  storage: Storage,
  seen: DiscordTokenRecord,
  leaseMs: number,
  now = new Date(),
): Promise<boolean> {
  const claimed = await storage.discordTokens
    .updateOne(
      {
        discordId: seen.discordId,
        accessToken: seen.tokens.accessToken,
        $or: [{ refreshingUntil: null }, { refreshingUntil: { $lte: now } }],
      },
      { $set: { refreshingUntil: new Date(now.getTime() + leaseMs) } },
    )
    .exec();
  return claimed.modifiedCount === 1;
}

/** Lets another caller try at once after a refresh that Discord could not answer. */
export async function releaseDiscordRefresh(storage: Storage, seen: DiscordTokenRecord): Promise<void> {
  await storage.discordTokens
    .updateOne(
      { discordId: seen.discordId, accessToken: seen.tokens.accessToken },
      { $set: { refreshingUntil: null } },
    )
    .exec();
}

/** Stores a refreshed pair over the one it replaces; false when a new sign-in came first. */
export async function replaceDiscordTokens(
  storage: Storage,
  seen: DiscordTokenRecord,
  tokens: SealedTokenSet,
): Promise<boolean> {
  const res = await storage.discordTokens
    .updateOne(
      { discordId: seen.discordId, accessToken: seen.tokens.accessToken },
      { $set: { ...storedTokens(tokens), refreshingUntil: null } },
    )
    .exec();
  return res.modifiedCount === 1;
}

/** Forgets a pair Discord no longer honours; a newer sign-in's pair stays. True when it went. */
export async function dropDiscordTokens(storage: Storage, seen: DiscordTokenRecord): Promise<boolean> {
  const res = await storage.discordTokens
    .deleteOne({ discordId: seen.discordId, accessToken: seen.tokens.accessToken })
    .exec();
  return res.deletedCount === 1;
}

/** Every member with a stored Discord token, streamed in discordId order from `after`. */
export async function* streamDiscordTokenHolders(storage: Storage, after = ""): AsyncGenerator<string> {
  const cursor = storage.discordTokens
    .find({ discordId: { $gt: after } }, { discordId: 1 })
    .sort({ discordId: 1 })
    .lean<{ discordId: string }>()
    .cursor({ batchSize: 500 });
  for await (const doc of cursor) yield (doc as unknown as { discordId: string }).discordId;
}
