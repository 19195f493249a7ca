import { z } from "zod";

/** One caller of the lookup API: its name shows in logs, its secret is the Bearer token. */
export interface ApiKey {
  name: string;
  secret: string;
}

const API_KEY = /^([A-Za-z0-9_.-]{1,64}):(.+)$/;

/** `API_KEYS`: comma-separated `name:secret`; every secret 32+ characters, names unique. */
const apiKeys = z
  .string()
  .optional()
  .transform((value, ctx): ApiKey[] => {
    const entries = (value ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const keys: ApiKey[] = [];
    for (const [index, entry] of entries.entries()) {
      const match = API_KEY.exec(entry);
      if (!match) {
        ctx.addIssue({ code: "custom", message: `entry ${index + 1} must be name:secret` });
        continue;
      }
      const [, name = "", secret = ""] = match;
      if (secret.length < 32)
        ctx.addIssue({
          code: "custom",
          message: `the secret of "${name}" must be at least 32 characters (use \`openssl rand -hex 32\`)`,
        });
      if (keys.some((k) => k.name === name))
        ctx.addIssue({ code: "custom", message: `names the key "${name}" twice` });
      keys.push({ name, secret });
    }
    return keys;
  });

const wholeNumber = (min: number, fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .default(fallback);

/** The second wave's settings: lookup API, outgoing webhooks, audit retention. */
export const lookupSettingsSchema = {
  API_KEYS: apiKeys,
  API_RATE_LIMIT: wholeNumber(1, 120),
  LINK_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  LINK_WEBHOOK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  AUDIT_RETENTION_DAYS: wholeNumber(1, 365),
};

type LookupEnv = {
  API_KEYS: ApiKey[];
  API_RATE_LIMIT: number;
  LINK_WEBHOOK_URL?: string | undefined;
  LINK_WEBHOOK_SECRET?: string | undefined;
  AUDIT_RETENTION_DAYS: number;
};

/** A webhook URL without a secret would send unsigned deliveries nobody can trust. */
export function checkWebhookPair(env: Partial<LookupEnv>, ctx: z.RefinementCtx): void {
  if (env.LINK_WEBHOOK_URL && !env.LINK_WEBHOOK_SECRET)
    ctx.addIssue({
      code: "custom",
      path: ["LINK_WEBHOOK_SECRET"],
      message: "is required when LINK_WEBHOOK_URL is set (deliveries are signed with it)",
    });
}

export interface LookupConfig {
  api: {
    keys: ApiKey[];
    /** Requests per key per minute. */
    ratePerMinute: number;
  };
  linkWebhook: { url: string; secret: string } | null;
  auditRetentionDays: number;
}

export const toLookupConfig = (env: LookupEnv): LookupConfig => ({
  api: { keys: env.API_KEYS, ratePerMinute: env.API_RATE_LIMIT },
  linkWebhook:
    env.LINK_WEBHOOK_URL && env.LINK_WEBHOOK_SECRET
      ? { url: env.LINK_WEBHOOK_URL, secret: env.LINK_WEBHOOK_SECRET }
      : null,
  auditRetentionDays: env.AUDIT_RETENTION_DAYS,
});
