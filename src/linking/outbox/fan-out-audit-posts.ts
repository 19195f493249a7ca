import { enqueueJobs, listLogChannels, type OutboxJob, saveAuditEventOnce } from "../../storage/index.ts";
import type { PerformDeps } from "./perform-job.ts";

type AuditPostsJob = Extract<OutboxJob, { kind: "audit_posts" }>;

/**
 * A job written before its link change saves the change's audit record first (once, however
 * often the job runs), so the record is as safe from a `kill -9` as the change's other effects.
 * Then one post job per server with a log channel set before the change, each retried on its own,
 * so one server's missing permission or outage never holds up or repeats another's post.
 */
export async function fanOutAuditPosts(deps: PerformDeps, job: AuditPostsJob) {
  if (job.record) await saveAuditEventOnce(deps.storage, job.eventId, job.event);
  // A role change belongs to its server: only that server's log channel hears of it.
  const onlyItsServer = job.event.action === "role_granted" || job.event.action === "role_removed";
  const channels = (await listLogChannels(deps.storage, new Date(job.event.at))).filter(
    (c) => !onlyItsServer || c.guildId === job.event.guildId,
  );
  await enqueueJobs(
    deps.storage,
    channels.map(({ guildId, channelId }) => ({
      id: `log_channel_post:${job.eventId}:${guildId}`,
      job: { kind: "log_channel_post", guildId, channelId, event: job.event },
    })),
  );
  if (channels.length > 0) deps.queued();
  return { channels: channels.length };
}
