import { type Connection, Schema } from "mongoose";

/** One record per /link button: makes its state single-use and finds the reply to edit. */
const linkStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    discordId: { type: String, required: true, index: true },
    guildId: { type: String, default: null },
    interactionToken: { type: String, required: true },
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
