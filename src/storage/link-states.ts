import { StateExpiredError, StateReplacedError, StateUsedError } from "../errors.ts";
import type { Storage } from "./storage.ts";

export interface LinkStateRecord {
  nonce: string;
  discordId: string;
  guildId: string | null;
  /** Sealed interaction token of the /link reply, to edit it once the link is made. */
  interactionToken: string;
  expiresAt: Date;
}

/**
 * Stores a new /link state and retires the member's earlier unused ones. The two writes go
 * out together (the retiring one skips the new nonce), a round trip less for the reply.
 */
export async function saveLinkState(
  storage: Storage,
  state: LinkStateRecord,
  now = new Date(),
): Promise<void> {
  const { nonce, ...rest } = state;
  await Promise.all([
    storage.linkStates
      .updateMany(
        { discordId: state.discordId, usedAt: null, replacedAt: null, _id: { $ne: nonce } },
        { $set: { replacedAt: now } },
      )
      .exec(),
    storage.linkStates.create({ _id: nonce, ...rest }),
  ]);
}

/**
 * Marks the state used in one atomic update, so of two callbacks with the same state only one
 * proceeds; expiry is in the filter because the TTL sweep lags by up to a minute.
 */
export async function consumeLinkState(
  storage: Storage,
  nonce: string,
  now = new Date(),
): Promise<LinkStateRecord> {
  const claimed = await storage.linkStates
    .findOneAndUpdate(
      { _id: nonce, usedAt: null, replacedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
      { returnDocument: "after" },
    )
    .lean()
    .exec();
  if (claimed) {
    const { _id, discordId, guildId, interactionToken, expiresAt } = claimed;
    return { nonce: _id, discordId, guildId: guildId ?? null, interactionToken, expiresAt };
  }
  const seen = await storage.linkStates.findById(nonce).lean().exec();
  if (seen?.usedAt) throw new StateUsedError();
  if (seen?.replacedAt) throw new StateReplacedError();
  throw new StateExpiredError();
}
