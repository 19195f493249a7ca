import { Hono } from "hono";
import { NotFoundError } from "../../errors/index.ts";
import { beginSignIn, type LinkingDeps, verifyDiscordIdentity } from "../../linking/index.ts";
import { ensureBrowserHash, readBrowserHash } from "../browser-cookie.ts";
import { cancelledPage } from "../pages/pages.ts";
import { readSignInReturn, requireSingle, STATE_PATTERN } from "../params.ts";
import { sendPage } from "../respond.ts";
import { answerLinkedRoleSignIn } from "./linked-role.ts";

/** The /link button's target, and Discord's redirect back before the browser goes on to GitHub. */
export function signInStartRoutes(deps: LinkingDeps) {
  return new Hono()
    .get("/auth/github/start", async (c) => {
      const state = requireSingle(c.req.queries("state"), "state", STATE_PATTERN);
      return c.redirect(
        await beginSignIn(deps, { state, browserHash: ensureBrowserHash(c, deps.config) }),
        302,
      );
    })
    .get("/auth/discord/callback", async (c) => {
      // Without the Discord step (or Linked Roles) nobody is sent here, and Discord would refuse
      // our empty client secret (a 502).
      if (!deps.config.verifyDiscord && !deps.config.linkedRoles) throw new NotFoundError();
      const signIn = readSignInReturn(c);
      if (!signIn) return sendPage(c, cancelledPage());
      if (deps.config.linkedRoles && signIn.state.startsWith("l1."))
        return answerLinkedRoleSignIn(deps, c, signIn);
      if (!deps.config.verifyDiscord) throw new NotFoundError();
      // Only the cookie /auth/github/start set counts here; a browser without one gets none.
      const next = await verifyDiscordIdentity(deps, {
        ...signIn,
        browserHash: readBrowserHash(c, deps.config),
      });
      return c.redirect(next, 302);
    });
}
