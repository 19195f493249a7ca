import { Hono } from "hono";
import { acceptGitHubSignIn, acceptOwnerSignIn, type LinkingDeps } from "../../linking/index.ts";
import { ensureBrowserHash, readBrowserHash } from "../browser-cookie.ts";
import { confirmLinkPage } from "../pages/confirm-pages.ts";
import { cancelledPage } from "../pages/pages.ts";
import { confirmRemovalPage } from "../pages/removal-pages.ts";
import { readSignInReturn } from "../params.ts";
import { answer, sendPage } from "../respond.ts";

/** GitHub's redirect back: checks everything before GitHub is asked, then shows the confirmation. */
export function githubCallbackRoutes(deps: LinkingDeps) {
  return new Hono().get("/auth/github/callback", async (c) => {
    const signIn = readSignInReturn(c);
    if (!signIn) return answer(c, { status: "cancelled" }, cancelledPage);
    // A GitHub owner's sign-in to remove links (GET /auth/github/remove) shares this callback URL.
    if (signIn.state.startsWith("r1.")) {
      const browserHash = readBrowserHash(c, deps.config);
      return sendPage(c, confirmRemovalPage(await acceptOwnerSignIn(deps, { ...signIn, browserHash })));
    }
    const pending = await acceptGitHubSignIn(deps, {
      ...signIn,
      browserHash: ensureBrowserHash(c, deps.config),
    });
    return answer(
      c,
      {
        status: "pending",
        pending: pending.pendingId,
        github: { id: pending.github.id, login: pending.github.login },
      },
      () => confirmLinkPage(pending),
    );
  });
}
