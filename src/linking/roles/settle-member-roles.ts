import type { RoleFact, RoleRule } from "../../domain/index.ts";
import {
  findRoleBasis,
  forgetGrants,
  type MemberRolesJob,
  type RoleChangeCause,
} from "../../storage/index.ts";
import { checkMemberFacts } from "../check-member-facts.ts";
import type { LinkingDeps } from "../deps.ts";
import { emptyTally, type MemberInGuild, type RoleTally, settleGuildRoles } from "./settle-guild-roles.ts";

const GONE_REASONS: Record<RoleChangeCause, string> = {
  linked: "octolink: GitHub link removed",
  unlinked: "octolink: GitHub link removed",
  needs_relink: "octolink: GitHub link needs renewing (run /link again)",
};

/**
 * The `member_roles` job: the member's roles in every server with rules, settled against their
 * link as it is now (so a job that runs late, after an unlink and a re-link, still does the
 * right thing). GitHub's rate limit puts the job off until the limit resets.
 */
export function settleMemberRoles(
  deps: LinkingDeps,
  job: MemberRolesJob,
): Promise<RoleTally & { deferred: boolean }> {
  // A link and an unlink moments apart: their jobs run one after the other, the second seeing
  // what the first did, rather than both reading the same grants at once.
  const key = job.discordId;
  const running = inFlight.get(deps.storage) ?? new Map<string, Promise<unknown>>();
  inFlight.set(deps.storage, running);
  const task = (running.get(key) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => settleNow(deps, job));
  running.set(key, task);
  void task.finally(() => running.get(key) === task && running.delete(key)).catch(() => undefined);
  return task;
}

const inFlight = new WeakMap<object, Map<string, Promise<unknown>>>();

async function settleNow(deps: LinkingDeps, job: MemberRolesJob): Promise<RoleTally & { deferred: boolean }> {
  // Read at run time, never cached: a rule added in another process a moment ago applies.
  const { rules: allRules, grants, link } = await findRoleBasis(deps.storage, job.discordId);
  // No rule anywhere and nothing granted (every link while no server uses rules): nothing to settle.
  if (allRules.length === 0 && grants.length === 0) return { ...emptyTally(), deferred: false };
  const usable = link !== null && link.tokenStatus !== "needs_relink";
  const rules = usable ? allRules : [];
  const guildIds = new Set([...rules.map((r) => r.guildId), ...grants.map((g) => g.guildId)]);
  const members: MemberInGuild[] = [];
  for (const guildId of guildIds) {
    const roles = await deps.guildRoles.fetchMemberRoles(guildId, job.discordId);
    if (roles === null) {
      await forgetGrants(deps.storage, { discordId: job.discordId, guildId });
      continue;
    }
    const inGuild = (r: { guildId: string }) => r.guildId === guildId;
    members.push({
      guildId,
      discordId: job.discordId,
      roles,
      rules: rules.filter(inGuild),
      grants: grants.filter(inGuild),
    });
  }
  const facts = distinctFacts(members.flatMap((m) => m.rules));
  // Rules gone from every server the member is in: what octolink gave them holds no more.
  const outcome = !usable
    ? null
    : facts.length === 0
      ? ({ status: "checked", holds: () => false } as const)
      : await checkMemberFacts(deps, job.discordId, facts);
  if (outcome?.status === "rate_limited") {
    await deps.roleQueue.settleMember({ ...job }, outcome.resetAt);
    return { ...emptyTally(), deferred: true };
  }
  const tally = emptyTally();
  for (const member of members) {
    const settled = await settleGuildRoles(deps, member, {
      roles: deps.guildRoles,
      subject: link ?? job,
      holds: outcome?.status === "checked" ? outcome.holds : null,
      goneReason: GONE_REASONS[outcome?.status === "needs_relink" ? "needs_relink" : job.why],
      postToLogChannel: true,
    });
    tally.granted += settled.granted;
    tally.removed += settled.removed;
    tally.refused += settled.refused;
  }
  return { ...tally, deferred: false };
}

export function distinctFacts(rules: RoleRule[]): RoleFact[] {
  const byKey = new Map(
    rules.map((r) => [`${r.kind} ${r.target ?? ""}`, { kind: r.kind, target: r.target }]),
  );
  return [...byKey.values()];
}
