import { z } from "zod";

const UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `12h`, `30m`, `1d`, `90s`; `off` (or `0`) turns the scheduled sync off. */
const interval = z
  .string()
  .optional()
  .transform((value, ctx): number | null => {
    const v = (value ?? "12h").trim().toLowerCase();
    if (v === "off" || v === "0") return null;
    const match = /^(\d+)\s*([smhd])$/.exec(v);
    const ms = match ? Number(match[1]) * (UNITS_MS[match[2] ?? ""] ?? 0) : 0;
    if (ms >= 60_000) return ms;
    ctx.addIssue({
      code: "custom",
      message: "must be a duration of at least a minute such as 30m, 12h or 1d, or off",
    });
    return z.NEVER;
  });

/** The settings of Discord Linked Roles and of the scheduled sync that keeps them current. */
export const linkedRolesSettingsSchema = {
  LINKED_ROLES: z
    .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
    .optional()
    .transform((v) => v !== undefined && ["true", "1", "yes"].includes(v)),
  ROLE_SYNC_INTERVAL: interval,
};

type LinkedRolesEnv = { LINKED_ROLES: boolean; ROLE_SYNC_INTERVAL: number | null };

/**
 * The member's own Discord token pushes the values, and only Discord's sign-in (with the
 * secret) issues one. Read from the raw settings, so it is listed even when others are wrong too.
 */
export function linkedRolesProblems(env: Record<string, string | undefined>): string[] {
  const on = ["true", "1", "yes"].includes(env.LINKED_ROLES ?? "");
  return on && !env.DISCORD_CLIENT_SECRET
    ? [
        "LINKED_ROLES=true needs DISCORD_CLIENT_SECRET (Developer Portal → OAuth2 → Client Secret): " +
          "each member's values are pushed with their own Discord sign-in",
      ]
    : [];
}

export interface LinkedRolesConfig {
  /** Discord Linked Roles: role-connection metadata, /linked-role, pushes with the member's token. */
  linkedRoles: boolean;
  /** How often the scheduled sync runs (ms); null when ROLE_SYNC_INTERVAL=off. */
  roleSyncIntervalMs: number | null;
}

export const toLinkedRolesConfig = (env: LinkedRolesEnv): LinkedRolesConfig => ({
  linkedRoles: env.LINKED_ROLES,
  roleSyncIntervalMs: env.ROLE_SYNC_INTERVAL,
});
