import { type Connection, Schema } from "mongoose";

/**
 * A one-time state bound to the browser that started it (hash of its cookie), used once: the
 * Discord sign-in after the /link button, a GitHub owner's sign-in to remove links to their
 * account, and that owner's confirmation, and the Discord sign-in of /linked-role.
 */
const browserStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    purpose: { type: String, enum: ["discord", "remove", "remove-confirm", "linked-role"], required: true },
    browserHash: { type: String, required: true },
    // The /link button's state this Discord step belongs to.
    linkNonce: { type: String, default: null },
    // The GitHub account a confirmed removal applies to, as GitHub named it at sign-in.
    githubId: { type: Number, default: null },
    githubLogin: { type: String, default: null },
    expiresAt: { type: Date, required: true, expires: 0 },
    usedAt: { type: Date, default: null },
  },
  { collection: "browser_states", versionKey: false },
);

export const defineBrowserStateModel = (connection: Connection) =>
  connection.model("BrowserState", browserStateSchema);

export type BrowserStateModel = ReturnType<typeof defineBrowserStateModel>;
