import { countHit, type RateWindow } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

/** Adds `hits` to a rate limit's shared window for `key` (counted across every replica) and returns it. */
export const countSharedHits = (
  deps: Pick<LinkingDeps, "storage">,
  params: { key: string; windowMs: number; at: number; hits: number },
): Promise<RateWindow> => countHit(deps.storage, params.key, params.windowMs, params.at, params.hits);
