import { openToken } from "../../crypto/index.ts";
import { linkedDmEmbed, linkedReplyContent, undoButtonRow } from "../../discord/messages.ts";
import type { OutboxJob } from "../../storage/index.ts";
import type { PerformDeps } from "./perform-job.ts";

type LinkedDmJob = Extract<OutboxJob, { kind: "linked_dm" }>;

/**
 * The DM after a link. It runs after the /link reply's edit, which said the DM is on its way;
 * when Discord refuses the DM for good (DMs closed), the reply is corrected to say so.
 */
export async function sendLinkedDm(deps: PerformDeps, job: LinkedDmJob) {
  const dm = await deps.delivery.sendDm(job.discordId, linkedDmEmbed(job.account), [
    undoButtonRow(job.account.id),
  ]);
  if (dm === "refused" && job.sealedInteractionToken) {
    const token = openToken(deps.tokenKeys, job.discordId, job.sealedInteractionToken);
    await deps.delivery.editReply(token, {
      content: linkedReplyContent(job.account, "refused"),
      components: [],
    });
  }
  return { dmSent: dm === "sent" };
}
