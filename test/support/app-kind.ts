import type { AppRegistration } from "./github/index.ts";
import { GITHUB_CLIENT_SECRET, type Harness } from "./harness.ts";

type AppOptions = Pick<AppRegistration, "accessTokenTtlSec" | "refreshTokenTtlSec" | "membersPermissionOn">;

/**
 * Re-registers octolink's client id on the GitHub stand-in as the given kind: tokens issued
 * from then on expire (GitHub App) or do not (OAuth App); tokens issued before keep theirs,
 * as when an operator turns on "Expire user authorization tokens".
 */
export function registerAppKind(
  h: Harness,
  kind: "oauth-app" | "github-app",
  options: AppOptions = {},
): void {
  h.github.registerApp({
    clientId: h.config.github.clientId,
    clientSecret: GITHUB_CLIENT_SECRET,
    callbackUrl: `${h.config.publicUrl}/auth/github/callback`,
    name: "octolink",
    kind,
    ...options,
  });
}

/**
 * Moves the stored expiry of a member's access token into the past, as if its 8 hours had
 * gone by on octolink's clock; GitHub's clock (the stand-in's) is left alone.
 */
export async function pretendAccessTokenExpired(h: Harness, discordId: string): Promise<void> {
  await h.bot.deps.storage.links
    .updateOne({ discordId }, { $set: { accessExpiresAt: new Date(Date.now() - 60_000) } })
    .exec();
}
