import { basicAuth, type GitHubClient } from "./client.ts";
import { callGitHub } from "./errors.ts";

/** Deletes one token; GitHub answers 404 for a token it no longer knows, which is fine here. */
export async function revokeToken(gh: GitHubClient, accessToken: string): Promise<void> {
  await deleteApplicationAuthorization(gh, "token", accessToken);
}

/** Deletes the member's whole authorization of the app: every token, and the app from their list. */
export async function revokeGrant(gh: GitHubClient, accessToken: string): Promise<void> {
  await deleteApplicationAuthorization(gh, "grant", accessToken);
}

async function deleteApplicationAuthorization(
  gh: GitHubClient,
  kind: "token" | "grant",
  accessToken: string,
) {
  await callGitHub(`DELETE /applications/{client_id}/${kind}`, async () => {
    try {
      await gh.octokit.request(`DELETE /applications/{client_id}/${kind}`, {
        client_id: gh.config.clientId,
        access_token: accessToken,
        headers: { authorization: basicAuth(gh) },
      });
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
    }
  });
}
