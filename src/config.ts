import dotenv from "dotenv";
import { z } from "zod";
import {
  type LinkedRolesConfig,
  linkedRolesProblems,
  linkedRolesSettingsSchema,
  toLinkedRolesConfig,
} from "./config-linked-roles.ts";
import {
  checkWebhookPair,
  type LookupConfig,
  lookupSettingsSchema,
  toLookupConfig,
} from "./config-lookup.ts";
import { type RoleConfig, roleSettingsSchema, toRoleConfig } from "./config-roles.ts";

const booleanFlag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
    .optional()
    .transform((v) => (v === undefined ? fallback : ["true", "1", "yes"].includes(v)));

const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .transform((v) => v.replace(/\/+$/, ""));

// Plain http would carry codes, tokens and cookies in the clear; only this machine may use it.
const isLoopbackHost = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);

const secureUrl = httpUrl.refine(
  (v) => v.startsWith("https:") || isLoopbackHost(new URL(v).hostname),
  "must use https (plain http only for localhost, 127.0.0.0/8 or ::1)",
);

const snowflake = z.string().regex(/^\d{15,21}$/, "must be a Discord id (digits)");

const secret = z.string().min(32, "must be at least 32 characters (use `openssl rand -base64 32`)");

const encryptionKey = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, {
    message: "each key must be 32 bytes, base64-encoded (use `openssl rand -base64 32`)",
  })
  .refine((v) => new Set(Buffer.from(v, "base64")).size > 1, {
    message: "each key must be random bytes, not one byte repeated (use `openssl rand -base64 32`)",
  });

// How many reverse proxies in front of octolink append to X-Forwarded-For; true means one.
const proxyHops = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const value = v === undefined || v === "false" ? "0" : v === "true" ? "1" : v;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    ctx.issues.push({
      code: "custom",
      input: v,
      message: "must be the number of proxies in front of octolink (1, 2, …), true or false",
    });
    return z.NEVER;
  });

const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

const ROLES = ["all", "web", "gateway", "worker"] as const;

const schema = z.object({
  DISCORD_TOKEN: z.string().min(1, "is required"),
  DISCORD_CLIENT_ID: snowflake,
  DISCORD_CLIENT_SECRET: z.string().optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: secureUrl.default("https://discord.com/api"),
  GITHUB_CLIENT_ID: z.string().min(1, "is required"),
  GITHUB_CLIENT_SECRET: z.string().min(1, "is required"),
  GITHUB_SCOPES: z.string().default("read:user"),
  GITHUB_URL: secureUrl.default("https://github.com"),
  GITHUB_API_URL: secureUrl.default("https://api.github.com"),
  PUBLIC_URL: secureUrl,
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a port number")
    .min(0, "must be a port number")
    .max(65535, "must be a port number")
    .default(3000),
  STATE_SECRET: secret,
  STATE_SECRET_PREVIOUS: list(secret),
  TOKEN_ENCRYPTION_KEY: list(encryptionKey).pipe(z.array(z.string()).min(1, "is required")),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, "must be a mongodb:// or mongodb+srv:// URI")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LINK_VERIFY_DISCORD: booleanFlag(true),
  ALLOW_SHARED_GITHUB: booleanFlag(false),
  GITHUB_WEBHOOK_SECRET: secret.optional(),
  LINK_RATE_LIMIT: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(5),
  HTTP_RATE_LIMIT: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(30),
  TRUST_PROXY: proxyHops,
  ROLE: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }).default("all"),
  DISCORD_SHARD_COUNT: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .optional(),
  DISCORD_SHARD_IDS: list(z.string().regex(/^\d+$/, "must be shard numbers, e.g. 0,1")),
  ...lookupSettingsSchema,
  ...linkedRolesSettingsSchema,
  ...roleSettingsSchema,
});

/** Shard settings that are only wrong together. */
function checkShards(env: z.infer<typeof schema>, ctx: z.RefinementCtx): void {
  const ids = env.DISCORD_SHARD_IDS.map(Number);
  if (ids.length > 0 && env.DISCORD_SHARD_COUNT === undefined) {
    ctx.addIssue({ code: "custom", path: ["DISCORD_SHARD_IDS"], message: "needs DISCORD_SHARD_COUNT" });
  }
  const count = env.DISCORD_SHARD_COUNT ?? Infinity;
  if (ids.some((id) => id >= count)) {
    ctx.addIssue({
      code: "custom",
      path: ["DISCORD_SHARD_IDS"],
      message: `must be below DISCORD_SHARD_COUNT (0 to ${count - 1})`,
    });
  }
}

// Settings that hold a secret: one leaked value must not open two doors.
const SECRET_SETTINGS = [
  "DISCORD_TOKEN",
  "DISCORD_CLIENT_SECRET",
  "GITHUB_CLIENT_SECRET",
  "GITHUB_WEBHOOK_SECRET",
  "LINK_WEBHOOK_SECRET",
  "STATE_SECRET",
  "STATE_SECRET_PREVIOUS",
  "TOKEN_ENCRYPTION_KEY",
] as const;
const LIST_SETTINGS = new Set<string>(["STATE_SECRET_PREVIOUS", "TOKEN_ENCRYPTION_KEY"]);

function findReusedSecrets(env: Record<string, string | undefined>): string[] {
  const owners = new Map<string, string>();
  const problems: string[] = [];
  for (const name of SECRET_SETTINGS) {
    const raw = env[name] ?? "";
    const values = LIST_SETTINGS.has(name) ? raw.split(",").map((v) => v.trim()) : [raw];
    for (const value of new Set(values.filter(Boolean))) {
      const owner = owners.get(value);
      if (owner && owner !== name) problems.push(`${name} must not reuse the value of ${owner}`);
      else owners.set(value, name);
    }
  }
  return problems;
}

type Env = z.infer<typeof schema>;

/** What a process runs: everything, or one part of it (see README, "Running at scale"). */
export type Role = (typeof ROLES)[number];

export interface Config extends LookupConfig, LinkedRolesConfig, RoleConfig {
  discord: {
    token: string;
    clientId: string;
    clientSecret: string | undefined;
    guildId: string | undefined;
    apiUrl: string;
  };
  github: {
    clientId: string;
    clientSecret: string;
    scopes: string[];
    url: string;
    apiUrl: string;
    webhookSecret: string | undefined;
  };
  publicUrl: string;
  host: string;
  port: number;
  stateSecrets: string[];
  tokenKeys: Buffer[];
  mongodbUri: string | undefined;
  logLevel: Env["LOG_LEVEL"];
  verifyDiscord: boolean;
  allowSharedGithub: boolean;
  limits: {
    /** /link runs per member per 10 minutes (the lifetime of a sign-in link). */
    linkPerMember: number;
    /** Refused (4xx) sign-in page requests per client address per minute. */

    httpPerClient: number;
  };
  /** Reverse proxies in front of octolink: the client is this many X-Forwarded-For entries from the right. */
  trustProxy: number;
  role: Role;
  /** Which gateway shards this process runs; unset: discord.js's default (one shard). */
  shards: { count: number; ids: number[] } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `octolink cannot start; fix these settings in .env:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/** Pure: validates the given environment and reports every problem at once. */
export function parseConfig(rawEnv: Record<string, string | undefined>): Config {
  // An empty `KEY=` line in .env means "not set", as operators expect from the example file.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== ""));
  const parsed = schema.superRefine(checkWebhookPair).superRefine(checkShards).safeParse(env);
  const problems = [
    ...(parsed.error?.issues ?? []).map((issue) => {
      const name = String(issue.path[0] ?? "settings");
      const message =
        env[name] === undefined && issue.code === "invalid_type" ? "is required" : issue.message;
      return `${name} ${message}`;
    }),
    ...findReusedSecrets(env),
    ...linkedRolesProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

export function loadConfig(): Config {
  dotenv.config({ quiet: true });
  return parseConfig(process.env);
}

function toConfig(env: Env): Config {
  return {
    discord: {
      token: env.DISCORD_TOKEN,
      clientId: env.DISCORD_CLIENT_ID,
      clientSecret: env.DISCORD_CLIENT_SECRET,
      guildId: env.DISCORD_GUILD_ID,
      apiUrl: env.DISCORD_API_URL,
    },
    github: {
      clientId: env.GITHUB_CLIENT_ID,
      clientSecret: env.GITHUB_CLIENT_SECRET,
      scopes: env.GITHUB_SCOPES.split(/[\s,]+/).filter(Boolean),
      url: env.GITHUB_URL,
      apiUrl: env.GITHUB_API_URL,
      webhookSecret: env.GITHUB_WEBHOOK_SECRET,
    },
    publicUrl: env.PUBLIC_URL,
    host: env.HOST,
    port: env.PORT,
    stateSecrets: [env.STATE_SECRET, ...env.STATE_SECRET_PREVIOUS],
    tokenKeys: env.TOKEN_ENCRYPTION_KEY.map((k) => Buffer.from(k, "base64")),
    mongodbUri: env.MONGODB_URI,
    logLevel: env.LOG_LEVEL,
    verifyDiscord: Boolean(env.DISCORD_CLIENT_SECRET) && env.LINK_VERIFY_DISCORD,
    allowSharedGithub: env.ALLOW_SHARED_GITHUB,
    limits: { linkPerMember: env.LINK_RATE_LIMIT, httpPerClient: env.HTTP_RATE_LIMIT },
    trustProxy: env.TRUST_PROXY,
    role: env.ROLE,
    shards: toShards(env),
    ...toLookupConfig(env),
    ...toLinkedRolesConfig(env),
    ...toRoleConfig(env),
  };
}

/** DISCORD_SHARD_IDS alone has no count to be shards of; the count alone means all of them here. */
function toShards(env: Env): Config["shards"] {
  if (env.DISCORD_SHARD_COUNT === undefined) return undefined;
  const ids = env.DISCORD_SHARD_IDS.map(Number);
  return {
    count: env.DISCORD_SHARD_COUNT,
    ids: ids.length > 0 ? ids : Array.from({ length: env.DISCORD_SHARD_COUNT }, (_, i) => i),
  };
}
