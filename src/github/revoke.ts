import { basicAuth, type GitHubClient } from "./client.ts";
import { callGitHub } from "./errors.ts";

// A token GitHub no longer accepts (expired, revoked, unknown) can revoke nothing more: its
// description documents 422 for that, and GitHub has answered 404; either means "already gone".
const TOKEN_GONE = new Set([404, 422]);

/** Deletes one token. */
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
      if (!TOKEN_GONE.has((err as { status?: number }).status ?? 0)) throw err;
    }
  });
}
