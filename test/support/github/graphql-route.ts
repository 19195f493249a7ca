import { execute } from "graphql";
import { type Context, Hono } from "hono";
import { checkGraphqlRequest, githubGraphqlSchema } from "../api-descriptions/index.ts";
import { readTokenAuth } from "./auth-header.ts";
import type { StandInEnv } from "./faults.ts";
import { readJsonObject } from "./request-params.ts";
import type { State, User } from "./state.ts";
import { findValidAccessToken } from "./tokens.ts";
import { defaultAvatarUrl } from "./user-json.ts";

const DOCS = "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql";

/**
 * GitHub's GraphQL endpoint: `/api/graphql` on Enterprise Server, `/graphql` on api.github.com.
 * Every document is held to GitHub's schema first; one GitHub would refuse is answered as GitHub
 * does (200 with `errors`) and fails the test. Users resolve from the stand-in's own.
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
      rootValue: {
        viewer: renderUser(state, viewer),
        user: ({ login }: { login: string }) => {
          const user = [...state.users.values()].find((u) => u.login.toLowerCase() === login.toLowerCase());
          return user ? renderUser(state, user) : null;
        },
      },
    });
    return c.json(result);
  };
  route.post("/api/graphql", answer);
  route.post("/graphql", answer);
  return route;
}

/** The fields of GraphQL's User the stand-in knows; anything else resolves to null. */
function renderUser(state: State, user: User) {
  return {
    id: Buffer.from(`04:User${user.id}`).toString("base64"),
    databaseId: user.id,
    login: user.login,
    name: user.name,
    avatarUrl: user.avatar_url ?? defaultAvatarUrl(user.id, state.webUrl),
    url: `${state.webUrl}/${user.login}`,
  };
}
