import { enqueueJobs, listLogChannels, type OutboxJob } from "../../storage/index.ts";
import type { PerformDeps } from "./perform-job.ts";

type AuditPostsJob = Extract<OutboxJob, { kind: "audit_posts" }>;

/**
 * One post job per server with a log channel set before the change, each retried on its own,
 * so one server's missing permission or outage never holds up or repeats another's post.
 */
export async function fanOutAuditPosts(deps: PerformDeps, job: AuditPostsJob) {
  const channels = await listLogChannels(deps.storage, new Date(job.event.at));
  await enqueueJobs(
    deps.storage,
    channels.map(({ guildId, channelId }) => ({
      id: `log_channel_post:${job.eventId}:${guildId}`,
      job: { kind: "log_channel_post", guildId, channelId, event: job.event },
    })),
  );
  return { channels: channels.length };
}
