import type { LinkLookup } from "../../linking/index.ts";
import type { ApiLink } from "./schemas.ts";

/** On the wire, dates are ISO 8601 strings. */
export const toApiLink = (link: LinkLookup): ApiLink => ({ ...link, linkedAt: link.linkedAt.toISOString() });
