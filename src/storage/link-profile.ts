import type { GitHubAccount } from "../domain/index.ts";
import type { LinkRecord } from "./links.ts";
import type { Storage } from "./storage.ts";
import { storedGithubFields } from "./stored-accounts.ts";

/** The member's current GitHub login, name and avatar; the numeric id must still match. */
export const updateGithubProfile = (
  storage: Storage,
  discordId: string,
  account: GitHubAccount,
  now = new Date(),
): Promise<LinkRecord | null> =>
  storage.links
    .findOneAndUpdate(
      { discordId, githubId: account.id },
      { $set: { ...storedGithubFields(account), lastCheckedAt: now } },
      { returnDocument: "after" },
    )
    .lean<LinkRecord>()
    .exec();
