import { execute } from "graphql";
import { type Context, Hono } from "hono";
import { checkGraphqlRequest, githubGraphqlSchema } from "../api-descriptions/index.ts";
import { readTokenAuth } from "./auth-header.ts";
import type { StandInEnv } from "./faults.ts";
import { ownerResolvers, renderUser } from "./graphql-owners.ts";
import { limitRate } from "./rate-limits.ts";
import { readJsonObject } from "./request-params.ts";
import type { State } from "./state.ts";
import { findValidAccessToken } from "./tokens.ts";

const DOCS = "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql";

/**
 * GitHub's GraphQL endpoint: `/api/graphql` on Enterprise Server, `/graphql` on api.github.com.
 * Every document is held to GitHub's schema first; one GitHub would refuse is answered as GitHub
 * does (200 with `errors`) and fails the test. Accounts and sponsorships resolve from the
 * stand-in's own (graphql-owners.ts).
 */
export function createGraphqlRoute(state: State): Hono<StandInEnv> {
  const route = new Hono<StandInEnv>();
  const answer = async (c: Context<StandInEnv>) => {
    const token = readTokenAuth(c.req.header("authorization"));
    const viewer =
      token === null ? undefined : state.users.get(findValidAccessToken(state, token)?.userId ?? -1);
    if (!viewer)
      return c.json(
        { message: "This endpoint requires you to be authenticated.", documentation_url: DOCS },
        401,
      );
    const request = checkGraphqlRequest(await readJsonObject(c));
    if ("errors" in request) return c.json({ errors: request.errors });
    const result = await execute({
      schema: githubGraphqlSchema(),
      document: request.document,
      variableValues: request.variables,
      operationName: request.operationName,
      rootValue: { viewer: renderUser(state, viewer), ...ownerResolvers(state, viewer) },
    });
    return c.json(result);
  };
  // One point a query: the stand-in's documents are far below GitHub's 100-node unit.
  route.post("/api/graphql", limitRate(state, "graphql"), answer);
  route.post("/graphql", limitRate(state, "graphql"), answer);
  return route;
}
