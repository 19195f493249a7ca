import { setTimeout as sleep } from "node:timers/promises";
import { openToken, sealTokenSet } from "../../crypto/index.ts";
import { DiscordGrantRevokedError, refreshDiscordToken } from "../../discord/oauth-tokens.ts";
import { DiscordUnavailableError } from "../../errors/index.ts";
import {
  claimDiscordRefresh,
  type DiscordTokenRecord,
  dropDiscordTokens,
  findDiscordTokens,
  releaseDiscordRefresh,
  replaceDiscordTokens,
} from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";

/** Refresh this long before expiry, so a token never dies between our check and Discord's. */
const REFRESH_MARGIN_MS = 5 * 60_000;
// Longer than a refresh can take (Discord calls time out after 10 s); a crashed holder's lease lapses.
const LEASE_MS = 15_000;
const POLL_MS = 200;

/** A usable access token and the stored record it came from (to name it if Discord refuses it). */
export interface DiscordAccess {
  accessToken: string;
  record: DiscordTokenRecord;
}

const expiring = (record: DiscordTokenRecord) =>
  record.tokens.accessExpiresAt !== null &&
  record.tokens.accessExpiresAt.getTime() - Date.now() <= REFRESH_MARGIN_MS;

/**
 * The member's Discord access token, refreshed first when it is about to expire or when
 * `refused` (the record whose token Discord just answered 401 to) is still the stored one.
 * Null when there is none, or Discord says the member took octolink's access away.
 */
export async function discordAccessFor(
  deps: LinkingDeps,
  discordId: string,
  refused?: DiscordTokenRecord,
): Promise<DiscordAccess | null> {
  const deadline = Date.now() + LEASE_MS + POLL_MS;
  for (;;) {
    const record = await findDiscordTokens(deps.storage, discordId);
    if (!record) return null;
    const stale = expiring(record) || record.tokens.accessToken === refused?.tokens.accessToken;
    if (!stale) return accessOf(deps, record);
    if (await claimDiscordRefresh(deps.storage, record, LEASE_MS)) return redeem(deps, record);
    if (Date.now() > deadline) throw new DiscordUnavailableError();
    await sleep(POLL_MS);
  }
}

const accessOf = (deps: LinkingDeps, record: DiscordTokenRecord): DiscordAccess => ({
  accessToken: openToken(deps.config.tokenKeys, record.discordId, record.tokens.accessToken),
  record,
});

async function redeem(deps: LinkingDeps, record: DiscordTokenRecord): Promise<DiscordAccess | null> {
  const { config, storage } = deps;
  const sealedRefresh = record.tokens.refreshToken;
  if (!sealedRefresh) return forgetDiscordGrant(deps, record);
  let grant: Awaited<ReturnType<typeof refreshDiscordToken>>;
  try {
    grant = await refreshDiscordToken(config, openToken(config.tokenKeys, record.discordId, sealedRefresh));
  } catch (err) {
    if (err instanceof DiscordGrantRevokedError) return forgetDiscordGrant(deps, record);
    await releaseDiscordRefresh(storage, record);
    throw err;
  }
  const tokens = sealTokenSet(config.tokenKeys, record.discordId, grant.tokens);
  if (await replaceDiscordTokens(storage, record, tokens)) {
    deps.log.debug({ discordId: record.discordId }, "refreshed a Discord token");
    return accessOf(deps, { ...record, tokens });
  }
  // A new sign-in stored a newer pair while Discord answered: that one is the member's now.
  const current = await findDiscordTokens(storage, record.discordId);
  return current && accessOf(deps, current);
}

/**
 * Discord no longer honours the member's grant (they removed octolink under Authorized Apps):
 * the pair is dropped, so nothing tries it again. Only the process that drops it logs.
 */
export async function forgetDiscordGrant(deps: LinkingDeps, record: DiscordTokenRecord): Promise<null> {
  if (await dropDiscordTokens(deps.storage, record))
    deps.log.info(
      { discordId: record.discordId },
      "Discord refused the member's token (octolink's access was removed): Linked Roles pushes for them stop",
    );
  return null;
}
