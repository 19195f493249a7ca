import { type Connection, Schema } from "mongoose";

/**
 * A GitHub sign-in waiting for "Link" on the confirmation page. Nothing reaches `links` until
 * the browser that did the GitHub step confirms; the record lives 10 minutes.
 */
const pendingLinkSchema = new Schema(
  {
    _id: { type: String, required: true },
    browserHash: { type: String, required: true },
    status: { type: String, enum: ["pending", "linked", "cancelled", "undone"], default: "pending" },
    discordId: { type: String, required: true },
    guildId: { type: String, default: null },
    discordUsername: { type: String, required: true },
    discordDisplayName: { type: String, default: null },
    discordAvatarUrl: { type: String, default: null },
    interactionToken: { type: String, default: null },
    githubId: { type: Number, required: true },
    githubLogin: { type: String, required: true },
    githubName: { type: String, default: null },
    githubAvatarUrl: { type: String, default: null },
    githubProfileUrl: { type: String, required: true },
    scopes: { type: [String], default: [] },
    accessToken: { type: String, required: true },
    refreshToken: { type: String, default: null },
    accessExpiresAt: { type: Date, default: null },
    refreshExpiresAt: { type: Date, default: null },
    // `{ githubId, githubLogin }` of the link this one will replace, or null.
    replaces: { type: Schema.Types.Mixed, default: null },
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { collection: "pending_links", versionKey: false },
);

export const definePendingLinkModel = (connection: Connection) =>
  connection.model("PendingLink", pendingLinkSchema);

export type PendingLinkModel = ReturnType<typeof definePendingLinkModel>;
