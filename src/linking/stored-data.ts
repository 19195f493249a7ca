import { countAuditEvents } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

/** How many audit records name the member, for "what octolink stores about you". */
export const countMemberAuditRecords = (deps: LinkingDeps, discordId: string): Promise<number> =>
  countAuditEvents(deps.storage, discordId);
