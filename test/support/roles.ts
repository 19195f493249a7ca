import { ROLE_MANAGER_PERMISSIONS, roleOption, runCommand, stringOption, subcommand } from "./commands.ts";
import type { CommandOption } from "./discord/index.ts";
import type { Harness } from "./harness.ts";

/** Runs `/link-roles <sub>` as a member with Manage Roles (in `guildId`, default the stand-in's first). */
export const linkRoles = (
  h: Harness,
  userId: string,
  sub: CommandOption,
  opts: { guildId?: string; memberPermissions?: string } = {},
) =>
  runCommand(h, {
    name: "link-roles",
    userId,
    memberPermissions: opts.memberPermissions ?? ROLE_MANAGER_PERMISSIONS,
    options: [sub],
    ...(opts.guildId ? { guildId: opts.guildId } : {}),
  });

/** The options of `/link-roles add role:<roleId> rule:<kind> [target]`. */
export const addRule = (roleId: string, kind: string, target?: string): CommandOption =>
  subcommand("add", [
    roleOption("role", roleId),
    stringOption("rule", kind),
    ...(target !== undefined ? [stringOption("target", target)] : []),
  ]);

/** Waits until the member's roles in the guild satisfy `check`; returns them. */
export const waitForRoles = (
  h: Harness,
  userId: string,
  check: (roles: string[]) => boolean,
  guildId?: string,
) =>
  h.discord.waitFor(() => {
    const roles = h.discord.memberRoles(userId, guildId) ?? [];
    return check(roles) ? roles : undefined;
  });
