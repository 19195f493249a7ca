import { type Connection, Schema } from "mongoose";

export const TOKEN_STATUSES = ["valid", "refreshed", "needs_relink"] as const;

/**
 * `githubId` is unique unless the operator allows one GitHub account on several members, so
 * the database, not a read-then-write check, settles two members racing for one account.
 */
function createLinkSchema(opts: { uniqueGithub: boolean }) {
  return new Schema(
    {
      discordId: { type: String, required: true, unique: true },
      githubId: { type: Number, required: true, index: { unique: opts.uniqueGithub } },
      githubLogin: { type: String, required: true },
      githubName: { type: String, default: null },
      avatarUrl: { type: String, default: null },
      scopes: { type: [String], default: [] },
      accessToken: { type: String, required: true },
      refreshToken: { type: String, default: null },
      accessExpiresAt: { type: Date, default: null },
      refreshExpiresAt: { type: Date, default: null },
      linkedAt: { type: Date, required: true },
      tokenStatus: { type: String, enum: TOKEN_STATUSES, default: "valid" },
      tokenRefreshedAt: { type: Date, default: null },
      needsRelinkAt: { type: Date, default: null },
      lastCheckedAt: { type: Date, default: null },
      // A lease on the single-use refresh token, so processes sharing the database refresh once.
      refreshingUntil: { type: Date, default: null },
    },
    {
      collection: "links",
      timestamps: { createdAt: false, updatedAt: "updatedAt" },
      versionKey: false,
    },
  );
}

export const defineLinkModel = (connection: Connection, opts: { uniqueGithub: boolean }) =>
  connection.model("Link", createLinkSchema(opts));

export type LinkModel = ReturnType<typeof defineLinkModel>;
