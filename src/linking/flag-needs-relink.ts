import { type LinkRecord, markNeedsRelink, type RelinkSelector } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { recordAuditEvent } from "./record-audit-event.ts";
import { takeBackRoles } from "./roles/take-back-roles.ts";

/**
 * Flags links "needs re-link" and records each one this call changed (a repeated revocation
 * finds nothing left to change, so it is recorded once). `reason` is the audit record's detail.
 */
export async function flagNeedsRelink(
  deps: LinkingDeps,
  selector: RelinkSelector,
  reason: string,
): Promise<LinkRecord[]> {
  const flagged = await markNeedsRelink(deps.storage, selector);
  for (const link of flagged) await takeBackRoles(deps, link, "needs_relink");
  for (const link of flagged)
    await recordAuditEvent(
      deps,
      { action: "needs_relink", actorId: null, guildId: null, detail: reason },
      link,
    );
  return flagged;
}
