import { Hono } from "hono";
import { factMiddleware } from "./fact-middleware.ts";
import type { StandInEnv } from "./faults.ts";
import { renderPullRequestItem } from "./search-json.ts";
import type { State } from "./state.ts";
import { findUserByLogin, readViewer } from "./viewer.ts";

const DOCS = "https://docs.github.com/rest/search/search#search-issues-and-pull-requests";

/**
 * GET /search/issues for the qualifiers role rules use: `repo:`, `author:`, `is:pr`,
 * `is:issue`, `is:merged`. A repository or user GitHub does not know is 422, as on GitHub.
 * Metered against the search budget (30 a minute), not the core one.
 */
export function createSearchRoute(state: State): Hono<StandInEnv> {
  const route = new Hono<StandInEnv>();
  route.get("/api/v3/search/issues", ...factMiddleware(state, "search"), (c) => {
    const viewer = readViewer(state, c);
    if (viewer instanceof Response) return viewer;
    const qualifiers = (c.req.query("q") ?? "").split(/\s+/).filter(Boolean);
    const values = (name: string) =>
      qualifiers.filter((q) => q.startsWith(`${name}:`)).map((q) => q.slice(name.length + 1));
    const repos = values("repo").map((r) => r.toLowerCase());
    const authors = values("author").map((login) => findUserByLogin(state, login));
    if (repos.some((r) => !state.facts.repos.has(r)) || authors.some((a) => !a)) return cannotSearch();
    const is = new Set(values("is"));
    const found = state.facts.pullRequests.filter(
      (pr) =>
        (repos.length === 0 || repos.includes(pr.repo)) &&
        authors.every((a) => a?.id === pr.authorId) &&
        !is.has("issue") &&
        (!is.has("merged") || pr.mergedAt !== null),
    );
    const perPage = Math.min(100, Number(c.req.query("per_page") ?? 30) || 30);
    const items = found.slice(0, perPage).map((pr) => {
      const author = state.users.get(pr.authorId);
      if (!author) throw new Error(`no stand-in user ${pr.authorId}`);
      return renderPullRequestItem(pr, state.facts.repos.get(pr.repo) ?? pr.repo, author, state);
    });
    return c.json({ total_count: found.length, incomplete_results: false, items, search_type: "lexical" });
  });
  return route;
}

const cannotSearch = () =>
  Response.json(
    {
      message: "Validation Failed",
      errors: [
        {
          message:
            "The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.",
          resource: "Search",
          field: "q",
          code: "invalid",
        },
      ],
      documentation_url: DOCS,
      status: "422",
    },
    { status: 422 },
  );
