import { Hono } from "hono";
import { BadRequestError } from "../../errors.ts";
import { completeLink, type LinkingDeps } from "../../linking/index.ts";
import { cancelledPage, linkedPage } from "../pages/pages.ts";
import { wantsJson } from "../respond.ts";

// GitHub's codes are 20 hex characters and our states under 300; anything far longer is not ours.
const CODE_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
const STATE_PATTERN = /^[A-Za-z0-9._-]{1,512}$/;

/** Exactly one value, of the expected shape, or a 400 naming the parameter. */
function requireSingle(values: string[] | undefined, name: string, pattern: RegExp): string {
  if (!values || values.length === 0)
    throw new BadRequestError(`The sign-in link is missing its ${name}.`);
  if (values.length > 1) throw new BadRequestError(`The sign-in link has more than one ${name}.`);
  const [value = ""] = values;
  if (!pattern.test(value)) throw new BadRequestError(`The sign-in link's ${name} is malformed.`);
  return value;
}

export function githubCallbackRoutes(deps: LinkingDeps) {
  return new Hono().get("/auth/github/callback", async (c) => {
    const errors = c.req.queries("error");
    if (errors) {
      if (errors.length === 1 && errors[0] === "access_denied") {
        return wantsJson(c) ? c.json({ status: "cancelled" }) : c.html(cancelledPage());
      }
      throw new BadRequestError("GitHub did not complete the sign-in.");
    }
    const code = requireSingle(c.req.queries("code"), "code", CODE_PATTERN);
    const state = requireSingle(c.req.queries("state"), "state", STATE_PATTERN);
    const { user } = await completeLink(deps, { code, state });
    return wantsJson(c)
      ? c.json({ status: "linked", github: { id: user.id, login: user.login } })
      : c.html(linkedPage(user));
  });
}
