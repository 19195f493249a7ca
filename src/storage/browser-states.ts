import { SignInIncompleteError, StateExpiredError, StateUsedError } from "../errors/index.ts";
import type { Storage } from "./storage.ts";

export type BrowserStatePurpose = "discord" | "remove" | "remove-confirm" | "linked-role";

export interface BrowserStateRecord {
  nonce: string;
  purpose: BrowserStatePurpose;
  browserHash: string;
  /** "discord": the /link button's state this step belongs to. */
  linkNonce: string | null;
  /** "remove-confirm": the GitHub account whose links go. */
  githubId: number | null;
  githubLogin: string | null;
  expiresAt: Date;
}

export async function saveBrowserState(storage: Storage, state: BrowserStateRecord): Promise<void> {
  const { nonce, ...rest } = state;
  await storage.browserStates.create({ _id: nonce, ...rest });
}

/**
 * Uses the state once, and only from the browser it is bound to. Another browser (or none)
 * gets SignInIncompleteError and leaves the state as it was for the browser that owns it.
 */
export async function consumeBrowserState(
  storage: Storage,
  purpose: BrowserStatePurpose,
  nonce: string,
  browserHash: string | undefined,
  now = new Date(),
): Promise<BrowserStateRecord> {
  const claimed = browserHash
    ? await storage.browserStates
        .findOneAndUpdate(
          { _id: nonce, purpose, browserHash, usedAt: null, expiresAt: { $gt: now } },
          { $set: { usedAt: now } },
        )
        .lean()
        .exec()
    : null;
  if (claimed) {
    return {
      nonce: claimed._id,
      purpose,
      browserHash: claimed.browserHash,
      linkNonce: claimed.linkNonce ?? null,
      githubId: claimed.githubId ?? null,
      githubLogin: claimed.githubLogin ?? null,
      expiresAt: claimed.expiresAt,
    };
  }
  const seen = await storage.browserStates.findOne({ _id: nonce, purpose }).lean().exec();
  if (!seen || seen.expiresAt <= now) throw new StateExpiredError();
  if (seen.usedAt) throw new StateUsedError();
  throw new SignInIncompleteError();
}
