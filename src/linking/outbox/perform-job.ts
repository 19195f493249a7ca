import { openToken } from "../../crypto/index.ts";
import type { DiscordDirectory } from "../../discord/directory.ts";
import { linkedReplyContent, relinkNeededDmEmbed, removedByOwnerDmEmbed } from "../../discord/messages.ts";
import type { DiscordDelivery } from "../../discord/notifier.ts";
import type { Logger } from "../../log.ts";
import type { ClaimedJob, JobOutcome, MemberRolesJob, RoleSyncJob, Storage } from "../../storage/index.ts";
import type { WebhookTarget } from "../../webhooks/link-webhooks.ts";
import { fanOutAuditPosts } from "./fan-out-audit-posts.ts";
import { postAuditEvent } from "./post-audit-event.ts";
import { sendLinkWebhook } from "./send-link-webhook.ts";
import { sendLinkedDm } from "./send-linked-dm.ts";

export interface PerformDeps {
  delivery: DiscordDelivery;
  directory: DiscordDirectory;
  storage: Storage;
  tokenKeys: Buffer[];
  /** `LINK_WEBHOOK_URL` and `LINK_WEBHOOK_SECRET`, when set. */
  linkWebhook: WebhookTarget | null;
  log: Logger;
  /** Discord Linked Roles: pushes the member's role connection as it is now. */
  pushRoleConnection: (discordId: string) => Promise<JobOutcome>;
  /** Role rules: one member's roles in every server; one server's sync (editing the moderator's reply). */
  roleJobs: RoleJobs;
  /** A job wrote jobs of its own (log-channel posts): the worker looks for them now. */
  queued(): void;
}

/** Does one job once; throws when it is worth trying again later. */
export async function performJob(deps: PerformDeps, claim: ClaimedJob): Promise<JobOutcome> {
  const job = claim.job;
  switch (job.kind) {
    case "linked_dm":
      return sendLinkedDm(deps, job);
    case "linked_reply": {
      const token = openToken(deps.tokenKeys, job.discordId, job.sealedInteractionToken);
      const edited = await deps.delivery.editReply(token, {
        content: linkedReplyContent(job.account, "on_its_way"),
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
    case "link_webhook":
      return sendLinkWebhook(deps, job);
    case "audit_posts":
      return fanOutAuditPosts(deps, job);
    case "log_channel_post":
      return postAuditEvent(deps, job);
    case "role_connection_push":
      return deps.pushRoleConnection(job.discordId);
    case "member_roles":
      return deps.roleJobs.settleMember(job);
    case "role_sync":
      return deps.roleJobs.syncGuild(job, deps.delivery);
  }
}

export interface RoleJobs {
  settleMember(job: MemberRolesJob): Promise<JobOutcome>;
  syncGuild(job: RoleSyncJob, delivery: DiscordDelivery): Promise<JobOutcome>;
}
