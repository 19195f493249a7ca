import { type APIEmbed, escapeMarkdown, time } from "discord.js";
import type { StoredData, StoredLinkData } from "../linking/index.ts";

// Every stored field but the two sealed tokens; a field added to `links` must be named here.
const LABELS: Record<keyof StoredLinkData, string> = {
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
export function storedDataEmbed({
  link,
  auditRecords,
  retentionDays,
  discordSignInScopes,
}: StoredData): APIEmbed {
  const lines = (Object.keys(LABELS) as Array<keyof StoredLinkData>).map(
    (key) => `**${LABELS[key]}:** ${show(link[key])}`,
  );
  return {
    title: "What octolink stores about you",
    description: [
      ...lines,
      "**GitHub access and refresh tokens:** stored encrypted, never shown, deleted by /unlink",
      ...(discordSignInScopes
        ? [
            `**Discord sign-in for Linked Roles:** stored encrypted (${show(discordSignInScopes)}), kept until you remove octolink under User Settings → Authorized Apps`,
          ]
        : []),
      `**Audit records:** ${auditRecords} (ids, GitHub login and what changed; each kept ${retentionDays} days)`,
    ].join("\n"),
    footer: { text: "Run /unlink to remove your link and tokens." },
  };
}
