import type { BenchEnvironment } from "./environment.ts";
import type { Completion } from "./measure-callback.ts";
import { perSecond, summarize, type Summary } from "./stats.ts";

export interface NotificationFigures {
  expected: number;
  /** Links without their DM or reply edit once the queue stopped moving. */
  dropped: number;
  /** Links missing from MongoDB, or stored with another GitHub account. */
  notStored: number;
  /** Page loaded → DM (and → reply edit) at the Discord stand-in. */
  dmTrailMs: Summary;
  editTrailMs: Summary;
  /** Last page → last DM or edit. */
  drainAfterLastPageS: number;
  /** Requests under the global limit, per second, from the first page to the last DM (Discord: 50). */
  discordRequestsPerSecond: number;
  rateLimited: number;
}

const POLL_MS = 250;
const STALL_MS = 15_000;

/**
 * Waits until every completed link has its DM and reply edit (or nothing arrived for 15 s),
 * then checks each against MongoDB and measures how far the notices trailed the pages.
 */
export async function measureNotifications(
  env: BenchEnvironment,
  completions: readonly Completion[],
  hooks: {
    /** Called whenever more notices have arrived (the last call: when the last one did). */
    whenArrived?: () => Promise<void> | void;
    /** Called once the notices are in, before the bench's own reads of MongoDB. */
    whenDelivered?: () => Promise<void> | void;
  } = {},
): Promise<NotificationFigures> {
  // Progress is any DM or edit arriving: in a burst the edits go first, and a link's DM can
  // wait behind thousands of them without the queue having stopped.
  const arrived = () => completions.reduce((n, c) => n + countNotices(env, c), 0);
  const expected = completions.length * 2;
  let lastCount = -1;
  let lastProgress = Date.now();
  while (lastCount < expected && Date.now() - lastProgress < STALL_MS) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const count = arrived();
    if (count !== lastCount) {
      lastProgress = Date.now();
      await hooks.whenArrived?.();
    }
    lastCount = count;
  }
  await hooks.whenDelivered?.();

  const dmTrail: number[] = [];
  const editTrail: number[] = [];
  let lastNotice = 0;
  for (const completion of completions) {
    const notices = noticesOf(env, completion);
    if (!notices) continue;
    dmTrail.push(notices.dmAt - completion.pageDoneAt);
    editTrail.push(notices.editAt - completion.pageDoneAt);
    lastNotice = Math.max(lastNotice, notices.dmAt, notices.editAt);
  }
  const firstPage = Math.min(...completions.map((c) => c.pageDoneAt));
  const lastPage = Math.max(...completions.map((c) => c.pageDoneAt));
  const botRequests = env.discord.requests.filter(
    (r) => r.at >= firstPage && r.at <= lastNotice && countsTowardsGlobalLimit(r.route),
  ).length;

  return {
    expected: completions.length,
    dropped: completions.length - dmTrail.length,
    notStored: await countNotStored(env, completions),
    dmTrailMs: summarize(dmTrail),
    editTrailMs: summarize(editTrail),
    drainAfterLastPageS: Math.round((lastNotice - lastPage) / 100) / 10,
    discordRequestsPerSecond: perSecond(botRequests, lastNotice - firstPage),
    rateLimited: env.discord.rateLimited(),
  };
}

// Discord exempts interaction callbacks and interaction-token webhooks from the global limit.
const countsTowardsGlobalLimit = (route: string) =>
  !route.startsWith("/webhooks/") && !route.startsWith("/interactions/");

/** How many of the member's two notices (the DM, the reply edit) have arrived. */
const countNotices = (env: BenchEnvironment, c: Completion) =>
  (env.discord.dmsTo(c.member.discordId).length > 0 ? 1 : 0) +
  (env.discord.edits(c.interactionToken)[0]?.edited_timestamp ? 1 : 0);

/** The member's DM and the edit of their /link reply, as the stand-in stamped them. */
function noticesOf(env: BenchEnvironment, completion: Completion) {
  const [dm] = env.discord.dmsTo(completion.member.discordId);
  const [edit] = env.discord.edits(completion.interactionToken);
  if (!dm || !edit?.edited_timestamp) return undefined;
  if (!JSON.stringify(dm.embeds).includes(completion.member.login)) return undefined;
  return { dmAt: Date.parse(dm.timestamp), editAt: Date.parse(edit.edited_timestamp) };
}

async function countNotStored(env: BenchEnvironment, completions: readonly Completion[]) {
  const links = await env.db
    .collection("links")
    .find(
      { discordId: { $in: completions.map((c) => c.member.discordId) } },
      { projection: { _id: 0, discordId: 1, githubId: 1 } },
    )
    .toArray();
  const stored = new Map(links.map((link) => [link.discordId as string, link.githubId as number]));
  return completions.filter((c) => stored.get(c.member.discordId) !== c.member.githubId).length;
}
