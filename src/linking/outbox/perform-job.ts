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

export interface PerformDeps {
  delivery: DiscordDelivery;
  tokenKeys: Buffer[];
  /** Discord Linked Roles: pushes the member's role connection as it is now. */
  pushRoleConnection: (discordId: string) => Promise<JobOutcome>;
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
    case "role_connection_push":
      return deps.pushRoleConnection(job.discordId);
  }
}
