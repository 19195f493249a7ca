import type { LinkRecord, RoleChangeCause } from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";

/**
 * The link went or needs renewing: the roles octolink gave the member go too (a worker does it).
 * The link change itself is made already, so failing to write the job is logged, not thrown.
 */
export async function takeBackRoles(
  deps: LinkingDeps,
  link: Pick<LinkRecord, "discordId" | "githubId" | "githubLogin">,
  why: Exclude<RoleChangeCause, "linked">,
): Promise<void> {
  const { discordId, githubId, githubLogin } = link;
  try {
    await deps.roleQueue.settleMember({ discordId, githubId, githubLogin, why });
  } catch (err) {
    deps.log.error({ err, discordId }, "could not queue the removal of the member's roles");
  }
}
