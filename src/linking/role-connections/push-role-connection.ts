import { putRoleConnection, roleConnectionOf } from "../../discord/role-connection.ts";
import type { GitHubStanding } from "../../domain/index.ts";
import { NeedsRelinkError, NotLinkedError } from "../../errors/index.ts";
import { fetchStanding } from "../../github/index.ts";
import { findLinkByDiscordId, type JobOutcome } from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";
import { octokitFor } from "../octokit-for.ts";
import { discordAccessFor, forgetDiscordGrant } from "./discord-token.ts";

/**
 * Tells Discord the member's Linked Roles values as they are now: linked with GitHub's current
 * numbers, or `linked: 0` once unlinked. Pushing the present state (not what was true when the
 * job was written) keeps a late or repeated push right. Throws only when worth retrying.
 */
export async function pushRoleConnection(deps: LinkingDeps, discordId: string): Promise<JobOutcome> {
  let access = await discordAccessFor(deps, discordId);
  if (!access) return { pushed: false, reason: "no_discord_token" };
  const standing = await standingOf(deps, discordId);
  // GitHub no longer takes the link's token: Discord keeps the last values until /link again.
  if (standing === "needs_relink") return { pushed: false, reason: "needs_relink" };
  const connection = roleConnectionOf(standing);
  let answer = await putRoleConnection(deps.config, access.accessToken, connection);
  if (answer === "unauthorized") {
    access = await discordAccessFor(deps, discordId, access.record);
    if (!access) return { pushed: false, reason: "discord_refused" };
    answer = await putRoleConnection(deps.config, access.accessToken, connection);
    if (answer === "unauthorized") {
      await forgetDiscordGrant(deps, access.record);
      return { pushed: false, reason: "discord_refused" };
    }
  }
  deps.log.debug({ discordId, linked: standing !== null }, "pushed the Linked Roles connection");
  return { pushed: true, linked: standing !== null };
}

async function standingOf(
  deps: LinkingDeps,
  discordId: string,
): Promise<GitHubStanding | null | "needs_relink"> {
  if (!(await findLinkByDiscordId(deps.storage, discordId))) return null;
  try {
    return await fetchStanding(await octokitFor(deps, discordId));
  } catch (err) {
    if (err instanceof NotLinkedError) return null;
    if (err instanceof NeedsRelinkError) return "needs_relink";
    throw err;
  }
}
