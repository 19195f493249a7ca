import { type Context, Hono } from "hono";
import { ConfirmationWrongBrowserError } from "../../errors/index.ts";
import { cancelPendingLink, confirmLink, type LinkingDeps, undoConfirmedLink } from "../../linking/index.ts";
import { readBrowserHash } from "../browser-cookie.ts";
import { limitFormSize } from "../form-limit.ts";
import { cancelledLinkPage, linkedPage, undonePage } from "../pages/confirm-pages.ts";
import { ID_PATTERN, readOwnForm, requireSingle } from "../params.ts";
import { answer } from "../respond.ts";

const ACTIONS = /^(link|cancel)$/;

/** The confirmation page's buttons: only from our own page, in the browser that did the GitHub step. */
export function confirmRoutes(deps: LinkingDeps) {
  const limit = limitFormSize();
  const readRequest = async (c: Context) => {
    const form = await readOwnForm(c, deps.config.publicUrl);
    const browserHash = readBrowserHash(c, deps.config);
    if (!browserHash) throw new ConfirmationWrongBrowserError();
    return { form, browserHash, pendingId: requireSingle(form.pending, "confirmation", ID_PATTERN) };
  };

  return new Hono()
    .post("/auth/github/confirm", limit, async (c) => {
      const { form, browserHash, pendingId } = await readRequest(c);
      if (requireSingle(form.action, "choice", ACTIONS) === "cancel") {
        await cancelPendingLink(deps, { pendingId, browserHash });
        return answer(c, { status: "cancelled" }, cancelledLinkPage);
      }
      const linked = await confirmLink(deps, { pendingId, browserHash });
      return answer(
        c,
        { status: "linked", github: { id: linked.github.id, login: linked.github.login } },
        () => linkedPage(linked),
      );
    })
    .post("/auth/github/undo", limit, async (c) => {
      const { browserHash, pendingId } = await readRequest(c);
      const undone = await undoConfirmedLink(deps, { pendingId, browserHash });
      return answer(c, { status: "undone" }, () => undonePage(undone.githubLogin));
    });
}
