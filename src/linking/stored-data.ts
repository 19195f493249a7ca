import {
  countAuditEvents,
  findDiscordTokens,
  findLinkByDiscordId,
  type LinkRecord,
} from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

/** Every field `links` keeps about a member but the two sealed tokens. */
export type StoredLinkData = Omit<LinkRecord, "accessToken" | "refreshToken">;

export interface StoredData {
  link: StoredLinkData;
  /** How many audit records name the member, and for how long each is kept. */
  auditRecords: number;
  retentionDays: number;
  /** Linked Roles: the scopes of the member's kept Discord sign-in, or null when none is kept. */
  discordSignInScopes: string[] | null;
}

/** "What octolink stores about you", for the member's own /whoami. */
export async function describeStoredData(deps: LinkingDeps, discordId: string): Promise<StoredData | null> {
  const [found, auditRecords, discordSignIn] = await Promise.all([
    findLinkByDiscordId(deps.storage, discordId),
    countAuditEvents(deps.storage, discordId),
    findDiscordTokens(deps.storage, discordId),
  ]);
  if (!found) return null;
  const { accessToken: _access, refreshToken: _refresh, ...link } = found;
  return {
    link,
    auditRecords,
    retentionDays: deps.config.auditRetentionDays,
    discordSignInScopes: discordSignIn?.scopes ?? null,
  };
}
