import {
  computeCodeChallenge,
  createNonce,
  deriveCodeVerifier,
  signState,
  STATE_TTL_MS,
  verifyState,
} from "../../crypto/index.ts";
import { buildDiscordAuthorizeUrl, burnDiscordCode, identifyDiscordUser } from "../../discord/oauth.ts";
import type { DiscordAccount } from "../../domain/index.ts";
import { LinkedRolesNotAllowedError, SignInIncompleteError } from "../../errors/index.ts";
import {
  bindBrowser,
  consumeBrowserState,
  findLinkByDiscordId,
  markDiscordVerified,
  saveBrowserState,
  saveLinkState,
} from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";
import { githubAuthorizeUrlFor } from "../github-authorize.ts";
import { keepDiscordGrant } from "./keep-discord-grant.ts";
import { pushRoleConnection } from "./push-role-connection.ts";

/** Where /linked-role ends: pushed now, pushed soon (Discord was slow), or on to GitHub first. */
export type LinkedRoleOutcome =
  { kind: "pushed" | "queued"; githubLogin: string } | { kind: "github"; url: string };

const secretOf = (deps: LinkingDeps) => {
  const [secret] = deps.config.stateSecrets;
  if (!secret) throw new Error("STATE_SECRET is not configured");
  return secret;
};

/**
 * `GET /linked-role`: Discord's sign-in with `identify role_connections.write`. Nobody is known
 * yet, so the state names no member; it is bound to this browser and used once, with PKCE.
 */
export async function beginLinkedRoleSignIn(
  deps: LinkingDeps,
  params: { browserHash: string },
  now = Date.now(),
): Promise<string> {
  const secret = secretOf(deps);
  const nonce = createNonce();
  const expiresAt = now + STATE_TTL_MS;
  await saveBrowserState(deps.storage, {
    nonce,
    purpose: "linked-role",
    browserHash: params.browserHash,
    linkNonce: null,
    githubId: null,
    githubLogin: null,
    expiresAt: new Date(expiresAt),
  });
  const state = signState(secret, { discordId: "", guildId: null, nonce, expiresAt }, "linked-role");
  const codeChallenge = computeCodeChallenge(deriveCodeVerifier(secret, nonce));
  return buildDiscordAuthorizeUrl(deps.config, { state, codeChallenge });
}

/**
 * Discord's redirect back for /linked-role: keeps the member's token set (sealed), then pushes
 * their role connection if they are linked, or sends them through GitHub's sign-in and the
 * confirmation page first (the push follows "Link" through the outbox).
 */
export async function acceptLinkedRoleSignIn(
  deps: LinkingDeps,
  params: { code: string; state: string; browserHash: string | undefined },
): Promise<LinkedRoleOutcome> {
  const claims = verifyState(deps.config.stateSecrets, params.state, "linked-role");
  const codeVerifier = deriveCodeVerifier(claims.secret, claims.nonce);
  let browserHash: string;
  try {
    ({ browserHash } = await consumeBrowserState(
      deps.storage,
      "linked-role",
      claims.nonce,
      params.browserHash,
    ));
  } catch (err) {
    // Our state in a browser that did not start it: the code is spent so the URL buys nothing.
    if (err instanceof SignInIncompleteError) {
      deps.log.warn("refused a Linked Roles sign-in from another browser");
      await burnDiscordCode(deps, { code: params.code, codeVerifier });
    }
    throw err;
  }
  const { account, grant } = await identifyDiscordUser(deps, { code: params.code, codeVerifier, keep: true });
  if (!grant || !(await keepDiscordGrant(deps, account.id, grant))) throw new LinkedRolesNotAllowedError();
  const link = await findLinkByDiscordId(deps.storage, account.id);
  if (!link || link.tokenStatus === "needs_relink")
    return { kind: "github", url: await startLinkFromDiscord(deps, account, browserHash) };
  try {
    const outcome = await pushRoleConnection(deps, account.id);
    if (outcome.pushed) return { kind: "pushed", githubLogin: link.githubLogin };
  } catch (err) {
    deps.log.warn({ err, discordId: account.id }, "could not push a Linked Roles connection; queued");
  }
  await deps.notifier.notifyRoleConnection({ discordId: account.id, cause: `linked-role:${claims.nonce}` });
  return { kind: "queued", githubLogin: link.githubLogin };
}

/**
 * A /link button's state for a member Discord just named, already bound to this browser and
 * confirmed by Discord, so it goes straight to GitHub; there is no /link reply to edit.
 */
async function startLinkFromDiscord(
  deps: LinkingDeps,
  discord: DiscordAccount,
  browserHash: string,
  now = Date.now(),
): Promise<string> {
  const secret = secretOf(deps);
  const nonce = createNonce();
  const expiresAt = now + STATE_TTL_MS;
  await saveLinkState(deps.storage, {
    nonce,
    discord,
    guildId: null,
    interactionToken: null,
    expiresAt: new Date(expiresAt),
  });
  await bindBrowser(deps.storage, nonce, browserHash);
  await markDiscordVerified(deps.storage, nonce, browserHash);
  const state = signState(secret, { discordId: discord.id, guildId: null, nonce, expiresAt });
  return githubAuthorizeUrlFor(deps, { secret, nonce }, state);
}
