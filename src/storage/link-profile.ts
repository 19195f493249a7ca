import type { LinkRecord } from "./links.ts";
import type { Storage } from "./storage.ts";

/** The member's current GitHub login, name and avatar; the numeric id must still match. */
export const updateGithubProfile = (
  storage: Storage,
  discordId: string,
  user: { id: number; login: string; name: string | null; avatarUrl: string | null },
  now = new Date(),
): Promise<LinkRecord | null> =>
  storage.links
    .findOneAndUpdate(
      { discordId, githubId: user.id },
      {
        $set: {
          githubLogin: user.login,
          githubName: user.name,
          avatarUrl: user.avatarUrl,
          lastCheckedAt: now,
        },
      },
      { returnDocument: "after" },
    )
    .lean<LinkRecord>()
    .exec();
