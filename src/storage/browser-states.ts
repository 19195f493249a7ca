import { SignInIncompleteError, StateExpiredError, StateUsedError } from "../errors/index.ts";
import { nativeOf } from "./native.ts";
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

type Stored = Omit<BrowserStateRecord, "nonce"> & { _id: string; usedAt: Date | null };

export async function saveBrowserState(storage: Storage, state: BrowserStateRecord): Promise<void> {
  const { nonce, ...rest } = state;
  // Every field is set here (the schema's one default too): no document to build.
  await nativeOf<Stored>(storage.browserStates).insertOne({ _id: nonce, ...rest, usedAt: null });
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
  const states = nativeOf<Stored>(storage.browserStates);
  const claimed = browserHash
    ? await states.findOneAndUpdate(
        { _id: nonce, purpose, browserHash, usedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
      )
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
  const seen = await states.findOne({ _id: nonce, purpose });
  if (!seen || seen.expiresAt <= now) throw new StateExpiredError();
  if (seen.usedAt) throw new StateUsedError();
  throw new SignInIncompleteError();
}
