import { type Connection, Schema } from "mongoose";

/** One record per /link button: makes its state single-use and finds the reply to edit. */
const linkStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    discordId: { type: String, required: true, index: true },
    guildId: { type: String, default: null },
    // Null when the sign-in began at /linked-role rather than at a /link reply.
    interactionToken: { type: String, default: null },
    // Who ran /link, as Discord showed them then; the confirmation page names them without asking Discord.
    discordUsername: { type: String, required: true },
    discordDisplayName: { type: String, default: null },
    discordAvatarUrl: { type: String, default: null },
    // The browser that opened the button first (hash of its cookie), and when Discord confirmed it.
    browserHash: { type: String, default: null },
    discordVerifiedAt: { type: Date, default: null },
    // MongoDB's TTL sweep runs about once a minute, so readers also compare expiresAt themselves.
    expiresAt: { type: Date, required: true, expires: 0 },
    usedAt: { type: Date, default: null },
    replacedAt: { type: Date, default: null },
  },
  { collection: "link_states", versionKey: false },
);

export const defineLinkStateModel = (connection: Connection) =>
  connection.model("LinkState", linkStateSchema);

export type LinkStateModel = ReturnType<typeof defineLinkStateModel>;
