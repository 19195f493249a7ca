import type { GuildRoles, RoleChangeOutcome } from "../../discord/guild-roles.ts";
import type { RoleFact, RoleGrant, RoleRule } from "../../domain/index.ts";
import { forgetGrants, recordGrant } from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";
import { type AuditSubject, recordAuditEvent } from "../record-audit-event.ts";
import { describeRule, grantReason } from "./describe-rule.ts";

/** One member in one server, as Discord and `role_grants` have them now. */
export interface MemberInGuild {
  guildId: string;
  discordId: string;
  /** The member's role ids right now. */
  roles: string[];
  rules: RoleRule[];
  grants: RoleGrant[];
}

export interface RoleTally {
  granted: number;
  removed: number;
  /** Changes Discord refused (50013): the role is above octolink's or it lost Manage Roles. */
  refused: number;
}

export const emptyTally = (): RoleTally => ({ granted: 0, removed: 0, refused: 0 });

export interface SettleContext {
  roles: GuildRoles;
  subject: AuditSubject;
  /** Which facts hold; null when the member has no usable link (every octolink role goes). */
  holds: ((fact: RoleFact) => boolean) | null;
  /** The audit-log reason for removing every role when `holds` is null. */
  goneReason: string;
  /** False during a sync, which posts one summary to the log channel instead of a line per change. */
  postToLogChannel: boolean;
}

/**
 * Gives the member each role one of the server's rules grants them, and takes back each role
 * octolink gave them that no rule grants any more. A role the member already has without a
 * grant on record was given by a person: octolink records nothing and never removes it.
 */
export async function settleGuildRoles(
  deps: LinkingDeps,
  member: MemberInGuild,
  ctx: SettleContext,
): Promise<RoleTally> {
  const tally = emptyTally();
  const wanted = wantedRoles(member.rules, ctx.holds);
  for (const [roleId, facts] of wanted) {
    const grant = member.grants.find((g) => g.roleId === roleId);
    const has = member.roles.includes(roleId);
    if (has && !grant) continue;
    if (has && grant) {
      if (!sameFacts(grant.rules, facts)) await recordGrant(deps.storage, { ...grant, rules: facts });
      continue;
    }
    const outcome = await ctx.roles.addMemberRole({ ...where(member, roleId), reason: grantReason(facts) });
    if (outcome === "missing_permissions") warnRefused(deps, member, roleId);
    if (count(tally, outcome, "granted")) {
      await recordGrant(deps.storage, { ...where(member, roleId), rules: facts, grantedAt: new Date() });
      await audit(deps, ctx, "role_granted", member.guildId, roleId, facts.map(describeRule).join("; "));
    }
  }
  for (const grant of member.grants) {
    if (wanted.has(grant.roleId)) continue;
    const reason = ctx.holds
      ? `octolink: no longer ${grant.rules.map(describeRule).join("; ")}`
      : ctx.goneReason;
    const outcome = member.roles.includes(grant.roleId)
      ? await ctx.roles.removeMemberRole({ ...where(member, grant.roleId), reason: reason.slice(0, 512) })
      : "done";
    // Refused: kept on record, so the next sync tries again once the role is below octolink's.
    if (outcome === "missing_permissions") {
      warnRefused(deps, member, grant.roleId);
      tally.refused += 1;
      continue;
    }
    await forgetGrants(deps.storage, where(member, grant.roleId));
    if (outcome === "done" && member.roles.includes(grant.roleId)) {
      tally.removed += 1;
      await audit(deps, ctx, "role_removed", member.guildId, grant.roleId, reason.replace(/^octolink: /, ""));
    }
  }
  return tally;
}

function wantedRoles(rules: RoleRule[], holds: SettleContext["holds"]): Map<string, RoleFact[]> {
  const wanted = new Map<string, RoleFact[]>();
  if (!holds) return wanted;
  for (const rule of rules) {
    const fact = { kind: rule.kind, target: rule.target };
    if (holds(fact)) wanted.set(rule.roleId, [...(wanted.get(rule.roleId) ?? []), fact]);
  }
  return wanted;
}

const where = (member: MemberInGuild, roleId: string) => ({
  guildId: member.guildId,
  discordId: member.discordId,
  userId: member.discordId,
  roleId,
});

const sameFacts = (a: RoleFact[], b: RoleFact[]) =>
  a.length === b.length && a.every((f, i) => f.kind === b[i]?.kind && f.target === b[i]?.target);

function count(tally: RoleTally, outcome: RoleChangeOutcome, field: "granted"): boolean {
  if (outcome === "done") tally[field] += 1;
  if (outcome === "missing_permissions") tally.refused += 1;
  return outcome === "done";
}

const warnRefused = (deps: LinkingDeps, member: MemberInGuild, roleId: string) =>
  deps.log.warn(
    { guildId: member.guildId, roleId },
    "Discord refused a role change (50013): octolink's role must be above it and have Manage Roles",
  );

function audit(
  deps: LinkingDeps,
  ctx: SettleContext,
  action: "role_granted" | "role_removed",
  guildId: string,
  roleId: string,
  why: string,
): Promise<void> {
  return recordAuditEvent(
    deps,
    { action, actorId: null, guildId, detail: `<@&${roleId}>: ${why}` },
    ctx.subject,
    { postToLogChannel: ctx.postToLogChannel },
  );
}
