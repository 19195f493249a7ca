import type { LinkRecord } from "../../storage/index.ts";
import type { ApiLink } from "./schemas.ts";

/** The one place a stored link becomes what the API shows: no tokens, dates as ISO 8601. */
export const toApiLink = (link: LinkRecord): ApiLink => ({
  discordId: link.discordId,
  githubId: link.githubId,
  githubLogin: link.githubLogin,
  linkedAt: link.linkedAt.toISOString(),
  tokenStatus: link.tokenStatus ?? "valid",
});
