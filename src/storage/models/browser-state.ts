import { type Connection, Schema } from "mongoose";

/**
 * A one-time state for a step after the /link button (the Discord sign-in) or for a GitHub
 * owner's removal, bound to the browser that started it (hash of its cookie). Used once.
 */
const browserStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    purpose: { type: String, enum: ["discord", "remove"], required: true },
    browserHash: { type: String, required: true },
    // The /link button's state this Discord step belongs to.
    linkNonce: { type: String, default: null },
    expiresAt: { type: Date, required: true, expires: 0 },
    usedAt: { type: Date, default: null },
  },
  { collection: "browser_states", versionKey: false },
);

export const defineBrowserStateModel = (connection: Connection) =>
  connection.model("BrowserState", browserStateSchema);

export type BrowserStateModel = ReturnType<typeof defineBrowserStateModel>;
