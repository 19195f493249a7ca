import { Hono } from "hono";
import { notFound } from "./api-errors.ts";
import { factMiddleware } from "./fact-middleware.ts";
import type { StandInEnv } from "./faults.ts";
import { renderOrgMembership } from "./org-json.ts";
import type { State } from "./state.ts";
import { canReadMembership, findUserByLogin, readViewer } from "./viewer.ts";

const MEMBERSHIP_DOCS =
  "https://docs.github.com/rest/orgs/members#get-an-organization-membership-for-the-authenticated-user";

/**
 * Organization and team membership: the viewer's own membership (private ones too, given
 * the scope or permission), the public member list, and a user's team membership.
 */
export function createOrgRoutes(state: State): Hono<StandInEnv> {
  const route = new Hono<StandInEnv>();
  const metered = factMiddleware(state, "core");
  const orgNamed = (login: string) => state.facts.orgs.get(login.toLowerCase());

  route.get("/api/v3/user/memberships/orgs/:org", ...metered, (c) => {
    const viewer = readViewer(state, c);
    if (viewer instanceof Response) return viewer;
    const org = orgNamed(c.req.param("org"));
    if (!canReadMembership(viewer, c.req.param("org"))) return refuseMembership(viewer.app?.kind);
    if (!org?.members.has(viewer.user.id)) return notFound();
    return c.json(renderOrgMembership(org, viewer.user, state));
  });

  route.get("/api/v3/orgs/:org/public_members/:username", ...metered, (c) => {
    const viewer = readViewer(state, c);
    if (viewer instanceof Response) return viewer;
    const user = findUserByLogin(state, c.req.param("username"));
    const membership = user && orgNamed(c.req.param("org"))?.members.get(user.id);
    // Both answers are bodiless in GitHub's description.
    return c.body(null, membership?.public && membership.state === "active" ? 204 : 404);
  });

  route.get("/api/v3/orgs/:org/teams/:team_slug/memberships/:username", ...metered, (c) => {
    const viewer = readViewer(state, c);
    if (viewer instanceof Response) return viewer;
    const org = orgNamed(c.req.param("org"));
    // A team is visible to the org's active members, and only with a token that may read it.
    const visible =
      org?.members.get(viewer.user.id)?.state === "active" && canReadMembership(viewer, org.login);
    const team = visible ? org.teams.get(c.req.param("team_slug").toLowerCase()) : undefined;
    const user = findUserByLogin(state, c.req.param("username"));
    const membership = user && team?.get(user.id);
    if (!org || !membership) return c.body(null, 404);
    return c.json({
      url: `${state.apiUrl}/organizations/${org.id}/team/${c.req.param("team_slug")}/memberships/${user.login}`,
      role: "member",
      state: membership,
    });
  });
  return route;
}

/** What GitHub answers a token that may not read org membership. */
function refuseMembership(kind: "oauth-app" | "github-app" | undefined): Response {
  const message =
    kind === "github-app"
      ? "Resource not accessible by integration"
      : "You need at least read:org scope or user scope to list your organization memberships.";
  return Response.json({ message, documentation_url: MEMBERSHIP_DOCS, status: "403" }, { status: 403 });
}
