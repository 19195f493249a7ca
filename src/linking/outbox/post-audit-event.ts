import { describeAuditEvent } from "../../discord/audit-message.ts";
import type { OutboxJob } from "../../storage/index.ts";
import type { PerformDeps } from "./perform-job.ts";

type LogChannelPostJob = Extract<OutboxJob, { kind: "log_channel_post" }>;

/**
 * A link belongs to the member, not to one server: every server they are in hears of it. A
 * channel octolink may not post in (50001, 50013, 10003) is the server's setup: logged, not
 * retried; a 429 is waited out and a 5xx throws, to be tried again.
 */
export async function postAuditEvent(deps: PerformDeps, job: LogChannelPostJob) {
  const { guildId, channelId } = job;
  if (!(await deps.directory.isGuildMember(guildId, job.event.discordId))) return { posted: "not_a_member" };
  const content = describeAuditEvent({ ...job.event, at: new Date(job.event.at) });
  const outcome = await deps.directory.postChannelMessage(channelId, { content });
  if (outcome !== "posted")
    deps.log.warn({ guildId, channelId, outcome }, "could not post to the log channel");
  return { posted: outcome };
}
