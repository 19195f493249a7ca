import type { GuildRoles } from "../../discord/guild-roles.ts";
import type { SyncTally } from "../../domain/index.ts";
import {
  forgetGrants,
  type LinkedMember,
  listMemberGrants,
  listRoleRules,
  streamLinkedMembers,
} from "../../storage/index.ts";
import { checkMemberFacts } from "../check-member-facts.ts";
import type { LinkingDeps } from "../deps.ts";
import { forEachLimited } from "./for-each-limited.ts";
import { settleGuildRoles } from "./settle-guild-roles.ts";
import { distinctFacts } from "./settle-member-roles.ts";

// Members in flight at once: enough to keep the paced Discord budget busy while GitHub answers.
const CONCURRENCY = 8;

/**
 * Re-checks every linked member of the server against its rules. Links are streamed from
 * MongoDB, so memory does not grow with the member count; each member's facts are asked of
 * GitHub once for all the rules; Discord requests go through `roles` (paced to the sync's share).
 */
export async function syncGuildRoles(
  deps: LinkingDeps,
  params: { guildId: string; roles: GuildRoles },
): Promise<SyncTally> {
  const tally: SyncTally = {
    checked: 0,
    notMembers: 0,
    granted: 0,
    removed: 0,
    refused: 0,
    needsRelink: 0,
    rateLimited: 0,
    failed: 0,
  };
  const rules = await listRoleRules(deps.storage, params.guildId);
  const facts = distinctFacts(rules);
  const syncMember = async (link: LinkedMember) => {
    const roles = await params.roles.fetchMemberRoles(params.guildId, link.discordId);
    if (roles === null) {
      tally.notMembers += 1;
      await forgetGrants(deps.storage, { discordId: link.discordId, guildId: params.guildId });
      return;
    }
    const outcome =
      link.tokenStatus === "needs_relink"
        ? ({ status: "needs_relink" } as const)
        : facts.length === 0
          ? ({ status: "checked", holds: () => false } as const)
          : await checkMemberFacts(deps, link.discordId, facts);
    if (outcome.status === "rate_limited") {
      tally.rateLimited += 1;
      return;
    }
    if (outcome.status === "needs_relink") tally.needsRelink += 1;
    else tally.checked += 1;
    const grants = await listMemberGrants(deps.storage, link.discordId, params.guildId);
    const settled = await settleGuildRoles(
      deps,
      { guildId: params.guildId, discordId: link.discordId, roles, rules, grants },
      {
        roles: params.roles,
        subject: link,
        holds: outcome.status === "checked" ? outcome.holds : null,
        goneReason: "octolink: GitHub link needs renewing (run /link again)",
        postToLogChannel: false,
      },
    );
    tally.granted += settled.granted;
    tally.removed += settled.removed;
    tally.refused += settled.refused;
  };
  await forEachLimited(streamLinkedMembers(deps.storage), CONCURRENCY, (link) =>
    syncMember(link).catch((err: unknown) => {
      tally.failed += 1;
      deps.log.warn(
        { err, guildId: params.guildId, discordId: link.discordId },
        "role sync skipped a member",
      );
    }),
  );
  return tally;
}
