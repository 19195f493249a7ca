import type { Storage } from "./storage.ts";

export async function setLogChannel(
  storage: Storage,
  guildId: string,
  channelId: string | null,
): Promise<void> {
  await storage.guildSettings
    .updateOne({ guildId }, { $set: { logChannelId: channelId } }, { upsert: true })
    .exec();
}

/** Every server with a log channel: where a change made outside any server is posted. */
export const listLogChannels = (storage: Storage): Promise<Array<{ guildId: string; channelId: string }>> =>
  storage.guildSettings
    .find({ logChannelId: { $ne: null } }, { guildId: 1, logChannelId: 1 })
    .lean()
    .exec()
    .then((found) => found.map((s) => ({ guildId: s.guildId, channelId: s.logChannelId ?? "" })));
