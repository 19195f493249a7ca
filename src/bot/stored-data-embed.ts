import { type APIEmbed, escapeMarkdown, time } from "discord.js";
import type { LinkRecord } from "../storage/index.ts";

type Shown = Omit<LinkRecord, "accessToken" | "refreshToken">;

// Every stored field but the two sealed tokens; a field added to LinkRecord must be named here.
const LABELS: Record<keyof Shown, string> = {
  discordId: "Discord id",
  githubId: "GitHub id",
  githubLogin: "GitHub login",
  githubName: "GitHub name",
  avatarUrl: "GitHub avatar",
  scopes: "Scopes granted",
  accessExpiresAt: "Access token expires",
  refreshExpiresAt: "Refresh token expires",
  linkedAt: "Linked",
  updatedAt: "Last changed",
  tokenStatus: "Token status",
  tokenRefreshedAt: "Token last refreshed",
  needsRelinkAt: "Needs re-link since",
  lastCheckedAt: "Last checked with GitHub",
};

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (value instanceof Date) return time(value, "f");
  if (Array.isArray(value)) return value.length ? value.map((v) => `\`${String(v)}\``).join(" ") : "none";
  return escapeMarkdown(String(value), { maskedLink: true });
}

/** "What octolink stores about you": the member's own data, the tokens only named. */
export function storedDataEmbed(
  link: LinkRecord,
  audit: { records: number; retentionDays: number },
): APIEmbed {
  const lines = (Object.keys(LABELS) as Array<keyof Shown>).map(
    (key) => `**${LABELS[key]}:** ${show(link[key])}`,
  );
  return {
    title: "What octolink stores about you",
    description: [
      ...lines,
      "**GitHub access and refresh tokens:** stored encrypted, never shown, deleted by /unlink",
      `**Audit records:** ${audit.records} (ids, GitHub login and what changed; each kept ${audit.retentionDays} days)`,
    ].join("\n"),
    footer: { text: "Run /unlink to remove your link and tokens." },
  };
}
