import { openToken } from "../../crypto/index.ts";
import {
  linkedDmEmbed,
  linkedReplyContent,
  relinkNeededDmEmbed,
  removedByOwnerDmEmbed,
  undoButtonRow,
} from "../../discord/messages.ts";
import type { DiscordDelivery } from "../../discord/notifier.ts";
import type { ClaimedJob, JobOutcome } from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";
import { runRoleSync } from "../roles/run-role-sync.ts";
import { settleMemberRoles } from "../roles/settle-member-roles.ts";

export interface PerformDeps {
  delivery: DiscordDelivery;
  tokenKeys: Buffer[];
  /** What role jobs reach: storage, GitHub, Discord's role routes. */
  linking: LinkingDeps;
}

/** Does one job once; throws when it is worth trying again later. */
export async function performJob(deps: PerformDeps, claim: ClaimedJob): Promise<JobOutcome> {
  const job = claim.job;
  switch (job.kind) {
    case "linked_dm": {
      const dm = await deps.delivery.sendDm(job.discordId, linkedDmEmbed(job.account), [
        undoButtonRow(job.account.id),
      ]);
      return { dmSent: dm === "sent" };
    }
    case "linked_reply": {
      const token = openToken(deps.tokenKeys, job.discordId, job.sealedInteractionToken);
      const dmSent = claim.previous?.dmSent === true;
      const edited = await deps.delivery.editReply(token, {
        content: linkedReplyContent(job.account, dmSent),
        components: [],
      });
      return { edited };
    }
    case "relink_dm": {
      const dm = await deps.delivery.sendDm(job.discordId, relinkNeededDmEmbed(job.githubLogin));
      return { dmSent: dm === "sent" };
    }
    case "removed_by_owner_dm": {
      const dm = await deps.delivery.sendDm(job.discordId, removedByOwnerDmEmbed(job.githubLogin));
      return { dmSent: dm === "sent" };
    }
    case "member_roles":
      return { ...(await settleMemberRoles(deps.linking, job)) };
    case "role_sync":
      return { ...(await runRoleSync({ linking: deps.linking, delivery: deps.delivery }, job)) };
  }
}
