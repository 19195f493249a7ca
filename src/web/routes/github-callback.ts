import { Hono } from "hono";
import { acceptGitHubSignIn, type LinkingDeps } from "../../linking/index.ts";
import { ensureBrowserHash } from "../browser-cookie.ts";
import { confirmLinkPage } from "../pages/confirm-pages.ts";
import { cancelledPage } from "../pages/pages.ts";
import { checkProviderError, CODE_PATTERN, requireSingle, STATE_PATTERN } from "../params.ts";
import { wantsJson } from "../respond.ts";

/** GitHub's redirect back: checks everything before GitHub is asked, then shows the confirmation. */
export function githubCallbackRoutes(deps: LinkingDeps) {
  return new Hono().get("/auth/github/callback", async (c) => {
    const errors = c.req.queries("error");
    if (errors) {
      checkProviderError(errors);
      return wantsJson(c) ? c.json({ status: "cancelled" }) : c.html(cancelledPage());
    }
    const code = requireSingle(c.req.queries("code"), "code", CODE_PATTERN);
    const state = requireSingle(c.req.queries("state"), "state", STATE_PATTERN);
    const pending = await acceptGitHubSignIn(deps, {
      code,
      state,
      browserHash: ensureBrowserHash(c, deps.config),
    });
    return wantsJson(c)
      ? c.json({
          status: "pending",
          pending: pending.pendingId,
          github: { id: pending.github.id, login: pending.github.login },
        })
      : c.html(confirmLinkPage(pending));
  });
}
