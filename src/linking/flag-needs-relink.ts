import {
  findLinksToFlag,
  type LinkRecord,
  markLinkNeedsRelink,
  type RelinkSelector,
} from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { auditNoticeOf } from "./record-audit-event.ts";

/** Past this, a flag's effects whose link is still not flagged are dropped: the flag did not come. */
const DECIDE_WITHIN_MS = 2 * 60 * 1000;

/**
 * Flags links "needs re-link" and records each one this call changed (a repeated revocation
 * finds nothing left to change, so it is recorded once). `reason` is the audit record's detail;
 * `dm` tells each member to run /link again. Each link's effects (its roles taken back, the DM,
 * the audit record, `link.needs_relink`, the log posts) go to the outbox before its flag,
 * guarded by it (see outbox/link-guard.ts), so a `kill -9` at any moment loses none of them.
 */
export async function flagNeedsRelink(
  deps: LinkingDeps,
  selector: RelinkSelector,
  reason: string,
  opts: { dm?: boolean } = {},
): Promise<LinkRecord[]> {
  const flagged: LinkRecord[] = [];
  for (const link of await findLinksToFlag(deps.storage, selector)) {
    const flaggedAt = new Date();
    const notice = await deps.notifier.notifyFlagging({
      link,
      flaggedAt,
      dm: opts.dm === true,
      decideBy: new Date(flaggedAt.getTime() + DECIDE_WITHIN_MS),
      audit: auditNoticeOf(
        deps,
        { action: "needs_relink", actorId: null, guildId: null, detail: reason },
        link,
        flaggedAt,
      ),
    });
    const changed = await markLinkNeedsRelink(deps.storage, selector, link, flaggedAt).catch(
      async (err: unknown) => {
        await notice.changeWithdrawn().catch(() => undefined);
        throw err;
      },
    );
    if (!changed) {
      // Flagged by another call meanwhile (which told of it), or the link changed.
      await notice
        .changeWithdrawn()
        .catch((err: unknown) =>
          deps.log.warn({ err }, "could not withdraw a needs-relink flag's outbox jobs"),
        );
      continue;
    }
    await notice.changeMade();
    flagged.push(changed);
  }
  return flagged;
}
