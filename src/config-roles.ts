import { z } from "zod";

export const roleSettingsSchema = {
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
    /** Discord requests a second role traffic may make, so DMs and replies keep the rest. */
    discordPerSecond: number;
  };
}

export const toRoleConfig = (env: { ROLE_SYNC_DISCORD_SHARE: number }): RoleConfig => ({
  roleSync: {
    discordPerSecond: (DISCORD_REQUESTS_PER_SECOND * env.ROLE_SYNC_DISCORD_SHARE) / 100,
  },
});
