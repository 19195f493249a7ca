import type { LinkRecord } from "./links.ts";
import type { Storage } from "./storage.ts";

// Logins are letters, digits and hyphens, but a caller's input is escaped all the same.
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** GitHub logins are case-insensitive: "Octocat" and "octocat" are one account. */
export const findLinksByGithubLogin = (storage: Storage, login: string): Promise<LinkRecord[]> =>
  storage.links
    .find({ githubLogin: { $regex: `^${escapeRegExp(login)}$`, $options: "i" } })
    .sort({ linkedAt: 1 })
    .lean<LinkRecord[]>()
    .exec();

export const findLinksByGithubId = (storage: Storage, githubId: number): Promise<LinkRecord[]> =>
  storage.links.find({ githubId }).sort({ linkedAt: 1 }).lean<LinkRecord[]>().exec();
