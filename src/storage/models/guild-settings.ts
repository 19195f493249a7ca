import { type Connection, Schema } from "mongoose";

/** Per-server settings a moderator chose with /link-admin; one record per server. */
const guildSettingsSchema = new Schema(
  {
    guildId: { type: String, required: true, unique: true },
    logChannelId: { type: String, default: null },
    // Events from before the channel was chosen are not posted there, however late a worker gets to them.
    logChannelSince: { type: Date, default: null },
  },
  { collection: "guild_settings", versionKey: false, timestamps: { createdAt: false, updatedAt: true } },
);

export const defineGuildSettingsModel = (connection: Connection) =>
  connection.model("GuildSettings", guildSettingsSchema);

export type GuildSettingsModel = ReturnType<typeof defineGuildSettingsModel>;
