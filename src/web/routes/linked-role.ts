import { type Context, Hono } from "hono";
import { NotFoundError } from "../../errors/index.ts";
import type { LinkingDeps } from "../../linking/index.ts";
import { acceptLinkedRoleSignIn, beginLinkedRoleSignIn } from "../../linking/role-connections/index.ts";
import { ensureBrowserHash, readBrowserHash } from "../browser-cookie.ts";
import { linkedRolePage } from "../pages/linked-role-pages.ts";
import type { SignInReturn } from "../params.ts";
import { sendPage } from "../respond.ts";

/** `GET /linked-role`: the URL the operator enters as "Linked Roles Verification URL". */
export function linkedRoleRoutes(deps: LinkingDeps) {
  return new Hono().get("/linked-role", async (c) => {
    if (!deps.config.linkedRoles) throw new NotFoundError();
    return c.redirect(
      await beginLinkedRoleSignIn(deps, { browserHash: ensureBrowserHash(c, deps.config) }),
      302,
    );
  });
}

/** Discord's redirect back to /auth/discord/callback with a /linked-role state (`l1.`). */
export async function answerLinkedRoleSignIn(deps: LinkingDeps, c: Context, signIn: SignInReturn) {
  const outcome = await acceptLinkedRoleSignIn(deps, {
    ...signIn,
    browserHash: readBrowserHash(c, deps.config),
  });
  if (outcome.kind === "github") return c.redirect(outcome.url, 302);
  return sendPage(c, linkedRolePage({ githubLogin: outcome.githubLogin, queued: outcome.kind === "queued" }));
}
