import { z } from "zod";

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d{1,6})\s*(s|m|h|d)$/;

/** `30m`, `12h`, `1d` (or `off`): how often every server's roles are re-checked. */
const interval = z
  .string()
  .default("12h")
  .transform((value, ctx) => {
    const v = value.trim().toLowerCase();
    if (v === "off" || v === "0") return null;
    const match = DURATION.exec(v);
    const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : 0;
    if (ms > 0) return ms;
    ctx.issues.push({
      code: "custom",
      input: value,
      message: "must be a duration like 30m, 12h or 1d (or off)",
    });
    return z.NEVER;
  });

export const roleSettingsSchema = {
  ROLE_SYNC_INTERVAL: interval,
  ROLE_SYNC_DISCORD_SHARE: z.coerce
    .number({ error: "must be a percentage from 1 to 100" })
    .int("must be a percentage from 1 to 100")
    .min(1, "must be a percentage from 1 to 100")
    .max(100, "must be a percentage from 1 to 100")
    .default(50),
};

// Discord's global limit for a bot.
const DISCORD_REQUESTS_PER_SECOND = 50;

export interface RoleConfig {
  roleSync: {
    /** Null: no scheduled sync (only `/link-roles sync`). */
    intervalMs: number | null;
    /** Discord requests a second a sync may make, so DMs and replies keep the rest. */
    discordPerSecond: number;
  };
}

export const toRoleConfig = (env: {
  ROLE_SYNC_INTERVAL: number | null;
  ROLE_SYNC_DISCORD_SHARE: number;
}): RoleConfig => ({
  roleSync: {
    intervalMs: env.ROLE_SYNC_INTERVAL,
    discordPerSecond: (DISCORD_REQUESTS_PER_SECOND * env.ROLE_SYNC_DISCORD_SHARE) / 100,
  },
});
