import { revokeTokenSet } from "../github/index.ts";
import type { LinkingDeps } from "./deps.ts";

/**
 * A token no link will use (refused, replaced, orphaned) is deleted at GitHub in the
 * background rather than left in the member's GitHub settings; failing costs only a log line.
 */
export function revokeUnusedToken(deps: Pick<LinkingDeps, "github" | "log">, accessToken: string): void {
  revokeTokenSet(deps.github, { accessToken, refreshToken: null, accessExpiresAt: null }, "token").catch(
    (err) => deps.log.warn({ err }, "could not revoke an unused token"),
  );
}
