import { Hono } from "hono";
import { ConfirmationWrongBrowserError } from "../../errors/index.ts";
import { answerOwnerRemoval, beginOwnerSignIn, type LinkingDeps } from "../../linking/index.ts";
import { ensureBrowserHash, readBrowserHash } from "../browser-cookie.ts";
import { limitFormSize } from "../form-limit.ts";
import { removalAnsweredPage } from "../pages/removal-pages.ts";
import { ID_PATTERN, readOwnForm, requireSingle } from "../params.ts";
import { sendPage } from "../respond.ts";

const ACTIONS = /^(remove|cancel)$/;

/**
 * A GitHub owner removes every link to their account: sign in with GitHub first (GitHub's
 * redirect comes back to /auth/github/callback, told apart by the state), then confirm here
 * with the same defences as the link confirmation: our own page, this browser, once.
 */
export function ownerRemovalRoutes(deps: LinkingDeps) {
  return new Hono()
    .get("/auth/github/remove", async (c) =>
      c.redirect(await beginOwnerSignIn(deps, { browserHash: ensureBrowserHash(c, deps.config) }), 302),
    )
    .post("/auth/github/remove", limitFormSize(), async (c) => {
      const form = await readOwnForm(c, deps.config.publicUrl);
      const browserHash = readBrowserHash(c, deps.config);
      if (!browserHash) throw new ConfirmationWrongBrowserError();
      const removalId = requireSingle(form.removal, "confirmation", ID_PATTERN);
      const action = requireSingle(form.action, "choice", ACTIONS) as "remove" | "cancel";
      const answer = await answerOwnerRemoval(deps, { removalId, browserHash, action });
      return sendPage(c, removalAnsweredPage({ ...answer, cancelled: action === "cancel" }));
    });
}
