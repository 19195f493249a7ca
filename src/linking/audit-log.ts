import type { AuditEvent } from "../domain/index.ts";
import { NotGuildMemberError } from "../errors/index.ts";
import { listAuditEvents } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

export const AUDIT_PAGE_SIZE = 10;
// Events are about members, and a server sees only its own members' events; past this many
// recent events a page of other servers' members is not worth the membership look-ups.
const MAX_SCANNED = 500;

export interface AuditPage {
  events: AuditEvent[];
  hasMore: boolean;
}

/** `/link-admin audit [member]`: newest first, only about members of this server. */
export async function listAuditPage(
  deps: LinkingDeps,
  params: { guildId: string; discordId?: string; page: number },
): Promise<AuditPage> {
  const skip = (params.page - 1) * AUDIT_PAGE_SIZE;
  if (params.discordId !== undefined) {
    if (!(await deps.discord.isGuildMember(params.guildId, params.discordId)))
      throw new NotGuildMemberError();
    const events = await listAuditEvents(deps.storage, {
      discordId: params.discordId,
      skip,
      limit: AUDIT_PAGE_SIZE + 1,
    });
    return { events: events.slice(0, AUDIT_PAGE_SIZE), hasMore: events.length > AUDIT_PAGE_SIZE };
  }
  const recent = await listAuditEvents(deps.storage, { limit: MAX_SCANNED });
  const members = new Map<string, boolean>();
  for (const { discordId } of recent)
    if (!members.has(discordId))
      members.set(discordId, await deps.discord.isGuildMember(params.guildId, discordId));
  const ours = recent.filter((event) => members.get(event.discordId));
  return {
    events: ours.slice(skip, skip + AUDIT_PAGE_SIZE),
    hasMore: ours.length > skip + AUDIT_PAGE_SIZE,
  };
}
