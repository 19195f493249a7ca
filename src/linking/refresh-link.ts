import { setTimeout as sleep } from "node:timers/promises";
import { openToken, sealTokenSet } from "../crypto/index.ts";
import { GitHubUnavailableError, NeedsRelinkError, NotLinkedError } from "../errors/index.ts";
import { type IssuedTokens, refreshToken, RefreshTokenRejectedError } from "../github/index.ts";
import {
  claimTokenRefresh,
  findLinkByDiscordId,
  type LinkRecord,
  releaseTokenRefresh,
  type Storage,
  updateLinkTokens,
} from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { flagNeedsRelink } from "./flag-needs-relink.ts";
import { revokeUnusedToken } from "./revoke-unused-token.ts";

/** Refresh this long before expiry, so a token never dies between our check and GitHub's. */
const REFRESH_MARGIN_MS = 5 * 60_000;
// Longer than a refresh can take (GitHub calls time out after 10 s); a crashed holder's lease lapses.
export const LEASE_MS = 15_000;
export const POLL_MS = 200;

export const isExpiring = (link: LinkRecord): boolean =>
  link.refreshToken !== null &&
  link.accessExpiresAt !== null &&
  link.accessExpiresAt.getTime() - Date.now() <= REFRESH_MARGIN_MS;

// Refresh tokens are single use: callers in this process share one refresh per member, and
// the lease in the database (claimTokenRefresh) does the same across processes.
const inFlight = new WeakMap<Storage, Map<string, Promise<LinkRecord>>>();

/** The link with a fresh token; concurrent callers for one member share a single refresh. */
export function refreshLinkOnce(deps: LinkingDeps, seen: LinkRecord): Promise<LinkRecord> {
  const running = inFlight.get(deps.storage) ?? new Map<string, Promise<LinkRecord>>();
  inFlight.set(deps.storage, running);
  const pending = running.get(seen.discordId);
  if (pending) return pending;
  const task = refreshLink(deps, seen).finally(() => running.delete(seen.discordId));
  running.set(seen.discordId, task);
  return task;
}

async function refreshLink(deps: LinkingDeps, seen: LinkRecord): Promise<LinkRecord> {
  const deadline = Date.now() + LEASE_MS + POLL_MS;
  for (;;) {
    const link = await findLinkByDiscordId(deps.storage, seen.discordId);
    if (!link) throw new NotLinkedError();
    if (link.tokenStatus === "needs_relink") throw new NeedsRelinkError();
    // Someone refreshed (or re-linked) since `seen` was read: their token is the one to use.
    if (link.refreshToken !== seen.refreshToken) return link;
    if (await claimTokenRefresh(deps.storage, link, LEASE_MS)) return redeem(deps, link);
    if (Date.now() > deadline)
      throw new GitHubUnavailableError("a token refresh by another process did not finish");
    await sleep(POLL_MS);
  }
}

async function redeem(deps: LinkingDeps, link: LinkRecord): Promise<LinkRecord> {
  const { config, storage, github, log } = deps;
  const { discordId } = link;
  const refreshExpired = link.refreshExpiresAt !== null && link.refreshExpiresAt <= new Date();
  let tokens: IssuedTokens;
  try {
    if (refreshExpired || !link.refreshToken) throw new RefreshTokenRejectedError("expired");
    tokens = await refreshToken(github, openToken(config.tokenKeys, discordId, link.refreshToken));
  } catch (err) {
    if (!(err instanceof RefreshTokenRejectedError)) {
      await releaseTokenRefresh(storage, link);
      throw err;
    }
    await flagNeedsRelink(
      deps,
      { discordId, refreshToken: link.refreshToken },
      `token refresh refused (${err.reason})`,
    );
    log.info({ discordId, reason: err.reason }, "token refresh refused: link needs re-link");
    throw new NeedsRelinkError();
  }
  const updated = await updateLinkTokens(storage, link, sealTokenSet(config.tokenKeys, discordId, tokens));
  if (updated) {
    log.info({ discordId }, "refreshed GitHub token");
    return updated;
  }
  // Unlinked, re-linked or revoked while GitHub answered: the new token belongs to no link.
  revokeUnusedToken(deps, tokens.accessToken);
  const current = await findLinkByDiscordId(storage, discordId);
  if (!current) throw new NotLinkedError();
  if (current.tokenStatus === "needs_relink") throw new NeedsRelinkError();
  return current;
}
