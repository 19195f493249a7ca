import type { GitHubAccount, SealedTokenSet } from "../domain/index.ts";
import { GitHubAccountTakenError } from "../errors/index.ts";
import type { TOKEN_STATUSES } from "./models/link.ts";
import { nativeOf } from "./native.ts";
import type { Storage } from "./storage.ts";
import { storedGithubFields } from "./stored-accounts.ts";

/** "refreshed": valid, and GitHub has issued it a new token since the member linked. */
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

/** A document of `links`, with its stored field names; the tokens are sealed, never plaintext. */
export interface LinkRecord extends SealedTokenSet {
  discordId: string;
  githubId: number;
  githubLogin: string;
  githubName: string | null;
  avatarUrl: string | null;
  scopes: string[];
  linkedAt: Date;
  updatedAt: Date;
  // Absent on links stored before token health was tracked, which count as valid.
  tokenStatus?: TokenStatus;
  tokenRefreshedAt?: Date | null;
  needsRelinkAt?: Date | null;
  lastCheckedAt?: Date | null;
}

export interface NewLink {
  discordId: string;
  github: GitHubAccount;
  tokens: SealedTokenSet;
  scopes: string[];
}

const toStored = (link: NewLink) => ({
  discordId: link.discordId,
  ...storedGithubFields(link.github),
  scopes: link.scopes,
  ...link.tokens,
});

/** A new link starts healthy, whatever the member's previous link had come to. */
const FRESH_TOKEN_HEALTH = {
  tokenStatus: "valid",
  tokenRefreshedAt: null,
  needsRelinkAt: null,
  refreshingUntil: null,
} as const;

const isDuplicateKey = (err: unknown, field: string): boolean => {
  const e = err as { code?: number; keyPattern?: Record<string, unknown> };
  return e?.code === 11000 && e.keyPattern !== undefined && field in e.keyPattern;
};

/**
 * Creates or replaces the member's link and returns the one it replaced. A GitHub account
 * that another member holds is refused unless sharing is allowed: the unique `githubId` index
 * refuses the write, so no read goes first (and no race slips between a read and the write).
 */
export async function saveLink(
  storage: Storage,
  link: NewLink,
  now = new Date(),
): Promise<LinkRecord | null> {
  // Every field of the schema is set here (`updatedAt` too, which Mongoose's timestamps would add).
  const set = { ...toStored(link), ...FRESH_TOKEN_HEALTH, linkedAt: now, lastCheckedAt: now, updatedAt: now };
  const upsert = () =>
    nativeOf<LinkRecord>(storage.links).findOneAndUpdate(
      { discordId: link.discordId },
      { $set: set },
      { upsert: true, returnDocument: "before" },
    );
  try {
    return await upsert();
  } catch (err) {
    if (isDuplicateKey(err, "githubId")) throw new GitHubAccountTakenError(link.github.login);
    // Two upserts of one new member can both miss and both insert; the loser updates instead.
    if (isDuplicateKey(err, "discordId")) return upsert();
    throw err;
  }
}

/** The GitHub account of the member's link that a new one would replace. */
export type ReplacedLink = Pick<LinkRecord, "githubId" | "githubLogin">;

/**
 * One read for the callback: whether another member holds this GitHub account (when sharing is
 * off; the unique index still settles races) and which link of the member's own a new one
 * would replace (what its audit record says: linked, or relinked and from which account).
 */
export async function findLinksAround(
  storage: Storage,
  params: { githubId: number; discordId: string; checkTaken: boolean },
): Promise<{ taken: boolean; current: ReplacedLink | null }> {
  const { githubId, discordId } = params;
  const found = await nativeOf<LinkRecord>(storage.links)
    .find(params.checkTaken ? { $or: [{ discordId }, { githubId }] } : { discordId }, {
      projection: { _id: 0, discordId: 1, githubId: 1, githubLogin: 1 },
    })
    .toArray();
  const own = found.find((link) => link.discordId === discordId);
  return {
    taken: found.some((link) => link.discordId !== discordId && link.githubId === githubId),
    current: own ? { githubId: own.githubId, githubLogin: own.githubLogin } : null,
  };
}

export const findLinkByDiscordId = (storage: Storage, discordId: string): Promise<LinkRecord | null> =>
  nativeOf<LinkRecord>(storage.links).findOne({ discordId });

/**
 * Removes the member's link; with `githubId`, only if it still points at that GitHub account;
 * with `linkedAt`, only if it is still that link (the one its unlink's outbox jobs follow);
 * with `unlessRefreshing`, only while no token refresh holds its lease (the tokens removed are
 * then the current ones, and no refresh can start on a link that is gone).
 */
export const deleteLink = (
  storage: Storage,
  discordId: string,
  opts: { githubId?: number; linkedAt?: Date; unlessRefreshing?: Date } = {},
): Promise<LinkRecord | null> =>
  nativeOf<LinkRecord & { refreshingUntil?: Date | null }>(storage.links).findOneAndDelete({
    discordId,
    ...(opts.githubId === undefined ? {} : { githubId: opts.githubId }),
    ...(opts.linkedAt === undefined ? {} : { linkedAt: opts.linkedAt }),
    ...(opts.unlessRefreshing
      ? { $or: [{ refreshingUntil: null }, { refreshingUntil: { $lte: opts.unlessRefreshing } }] }
      : {}),
  });

export const countLinksByGithubId = (storage: Storage, githubId: number): Promise<number> =>
  nativeOf<LinkRecord>(storage.links).countDocuments({ githubId });

/** When the member's current link was made and flagged (null when unlinked): what an outbox guard checks. */
export async function findLinkMarks(
  storage: Storage,
  discordId: string,
): Promise<{ linkedAt: Date; needsRelinkAt: Date | null } | null> {
  const found = await nativeOf<LinkRecord>(storage.links).findOne(
    { discordId },
    { projection: { _id: 0, linkedAt: 1, needsRelinkAt: 1 } },
  );
  return found && { linkedAt: found.linkedAt, needsRelinkAt: found.needsRelinkAt ?? null };
}
