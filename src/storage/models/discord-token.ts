import { type Connection, Schema } from "mongoose";

/**
 * A member's Discord OAuth2 token set (sealed), kept with LINKED_ROLES to push their role
 * connection. Its own collection, not fields of `links`: it exists before the link (a member
 * who starts at /linked-role), outlives it (the unlink pushes `linked: 0` with it), and ends
 * on Discord's word alone (the member removes octolink under Authorized Apps).
 */
const discordTokenSchema = new Schema(
  {
    discordId: { type: String, required: true, unique: true },
    accessToken: { type: String, required: true },
    refreshToken: { type: String, default: null },
    accessExpiresAt: { type: Date, default: null },
    scopes: { type: [String], default: [] },
    // A lease on the single-use refresh token, so processes sharing the database refresh once.
    refreshingUntil: { type: Date, default: null },
  },
  { collection: "discord_tokens", timestamps: true, versionKey: false },
);

export const defineDiscordTokenModel = (connection: Connection) =>
  connection.model("DiscordToken", discordTokenSchema);

export type DiscordTokenModel = ReturnType<typeof defineDiscordTokenModel>;
