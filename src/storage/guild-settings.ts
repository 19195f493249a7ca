import { nativeOf } from "./native.ts";
import type { Storage } from "./storage.ts";

export async function setLogChannel(
  storage: Storage,
  guildId: string,
  channelId: string | null,
  now = new Date(),
): Promise<void> {
  await storage.guildSettings
    .updateOne(
      { guildId },
      { $set: { logChannelId: channelId, logChannelSince: channelId ? now : null } },
      { upsert: true },
    )
    .exec();
}

/** Every server whose log channel was set by `at`: where a change made then is posted. */
export const listLogChannels = (
  storage: Storage,
  at: Date,
): Promise<Array<{ guildId: string; channelId: string }>> =>
  nativeOf<{ guildId: string; logChannelId: string | null; logChannelSince?: Date | null }>(
    storage.guildSettings,
  )
    .find(
      {
        logChannelId: { $ne: null },
        // Settings stored before the field existed have none: they were set before any event now.
        $or: [{ logChannelSince: { $lte: at } }, { logChannelSince: null }],
      },
      { projection: { _id: 0, guildId: 1, logChannelId: 1 } },
    )
    .toArray()
    .then((found) => found.map((s) => ({ guildId: s.guildId, channelId: s.logChannelId ?? "" })));
