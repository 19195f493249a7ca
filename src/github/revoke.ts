import { basicAuth, type GitHubClient } from "./client.ts";
import { callGitHub } from "./errors.ts";

/**
 * Deletes one token. True when GitHub deleted it; false when GitHub answered 404, not knowing
 * the token (already revoked, or replaced by a refresh): nothing was revoked by this call.
 */
export const revokeToken = (gh: GitHubClient, accessToken: string): Promise<boolean> =>
  deleteApplicationAuthorization(gh, "token", accessToken);

/** Deletes the member's whole authorization of the app (every token); true when GitHub did. */
export const revokeGrant = (gh: GitHubClient, accessToken: string): Promise<boolean> =>
  deleteApplicationAuthorization(gh, "grant", accessToken);

function deleteApplicationAuthorization(
  gh: GitHubClient,
  kind: "token" | "grant",
  accessToken: string,
): Promise<boolean> {
  return callGitHub(`DELETE /applications/{client_id}/${kind}`, async () => {
    try {
      await gh.octokit.request(`DELETE /applications/{client_id}/${kind}`, {
        client_id: gh.config.clientId,
        access_token: accessToken,
        headers: { authorization: basicAuth(gh) },
      });
      return true;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      return false;
    }
  });
}
