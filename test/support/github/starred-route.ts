import { Hono } from "hono";
import { notFound } from "./api-errors.ts";
import { factMiddleware } from "./fact-middleware.ts";
import type { StandInEnv } from "./faults.ts";
import type { State } from "./state.ts";
import { readViewer } from "./viewer.ts";

/** GET /user/starred/{owner}/{repo}: 204 when the viewer starred the repository, 404 otherwise. */
export function createStarredRoute(state: State): Hono<StandInEnv> {
  const route = new Hono<StandInEnv>();
  route.get("/api/v3/user/starred/:owner/:repo", ...factMiddleware(state, "core"), (c) => {
    const viewer = readViewer(state, c);
    if (viewer instanceof Response) return viewer;
    const repo = `${c.req.param("owner")}/${c.req.param("repo")}`.toLowerCase();
    return state.facts.stars.get(viewer.user.id)?.has(repo) ? c.body(null, 204) : notFound();
  });
  return route;
}
